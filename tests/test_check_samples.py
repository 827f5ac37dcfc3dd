"""The checker against the project's own sample gold (corpora/gold/samples.jsonl + corpora/prices).

Every move claim in the gold carries the verdict its author computed from corpora/prices. The gold
records are used as they are (no column derived); the three deliberate errors must come out
contradicted with the reading that explains them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from extractor.checking.verdicts import check_claims

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpora" / "gold" / "samples.jsonl"
PRICES = ROOT / "corpora" / "prices"


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return pd.DataFrame([json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()])


@pytest.fixture(scope="module")
def checked(gold) -> pd.DataFrame:
    return check_claims(gold.drop(columns=["verdict"]), prices=PRICES)


def _disagreements(gold, out) -> list[str]:
    rows = gold["verdict"].notna()
    bad = rows & (out["verdict"] != gold["verdict"])
    return [f"{r.doc_id} | {r.text} | gold {g} | got {r.verdict}: {r.verdict_reason}"
            for r, g in zip(out[bad].itertuples(), gold.loc[bad, "verdict"], strict=True)]


def test_agreement_with_gold_verdicts(gold, checked):
    rows = gold["verdict"].notna()
    assert rows.sum() >= 150
    agree = (checked.loc[rows, "verdict"] == gold.loc[rows, "verdict"]).mean()
    assert agree >= 0.95, f"{agree:.1%} agreement:\n" + "\n".join(_disagreements(gold, checked))
    # non-move claims get no verdict
    assert checked.loc[~rows, "verdict"].isna().all()


def test_index_and_asset_verdicts_all_agree(gold, checked):
    """Everything but the sector claims (whose market the gold does not state) matches exactly."""
    rows = gold["verdict"].notna() & (gold["kind"] != "sector_move")
    sub = gold[rows]
    assert (checked.loc[rows, "verdict"] == sub["verdict"]).all(), "\n".join(_disagreements(sub, checked[rows]))


def test_sector_claims_follow_market(gold, checked):
    """US sectors via ETFs in English; A-share boards never; zh US sectors once market says us."""
    sec = gold["kind"] == "sector_move"
    en = sec & (gold["lang"] == "en")
    assert (checked.loc[en, "verdict"] == gold.loc[en, "verdict"]).all()
    board = sec & (gold["doc_id"] == "zh/zh_ashare_close_20260205.txt")
    assert board.sum() == 4
    assert (checked.loc[board, "verdict"] == "unverifiable").all()
    assert checked.loc[board & (gold["subject"] == "utilities"), "verdict_reason"].str.contains(
        "sector boards").all()   # 公用事业 is not checked against XLU
    zh_us = sec & gold["doc_id"].str.startswith("zh/zh_us_")
    assert zh_us.sum() == 6
    with_market = gold.drop(columns=["verdict"]).assign(
        market=gold["doc_id"].map(lambda d: "us" if d.startswith("zh/zh_us_") else "cn" if "ashare" in d else None))
    out = check_claims(with_market[sec], prices=PRICES)
    assert (out["verdict"] == gold.loc[sec, "verdict"]).all(), "\n".join(_disagreements(gold[sec], out))
    assert out.loc[board[sec][board[sec]].index, "verdict_reason"].str.startswith(
        "No series for A-share sector boards").all()


def test_deliberate_errors_contradicted_and_explained(gold, checked):
    wrong = gold["verdict"] == "contradicted"
    assert wrong.sum() == 3
    got = checked[wrong].set_index("subject")
    assert (got["verdict"] == "contradicted").all()
    assert got.loc["^IXIC", "explanation"].startswith("matches the open-to-close move (23217.02 → 22904.58")
    assert got.loc["000300.SS", "explanation"].startswith("matches the open-to-close move")
    assert "−0.57%" in got.loc["000300.SS", "explanation"]
    dow = got.loc["^DJI"]
    assert "the change holds but the level fails" in dow["verdict_reason"]
    assert dow["explanation"].startswith("the level differs from the close 48063.29 in one digit (+100.00 points)")


def test_sample_reasons_name_the_base_and_file(gold, checked):
    ok = checked[checked["verdict"] == "supported"]
    assert ok["verdict_reason"].str.contains(r"\.csv").all()
    n225 = checked[(gold["subject"] == "^N225") & (gold["period"] == "ytd")]
    assert len(n225) and n225["verdict_reason"].str.contains("(2025-12-30)", regex=False).all()


def test_cli_check_on_gold(gold, tmp_path, capsys):
    from extractor.cli import main

    src = tmp_path / "claims.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                           for r in gold.drop(columns=["verdict"]).to_dict("records")), encoding="utf-8")
    out = tmp_path / "checked.jsonl"
    assert main(["check", str(src), "--prices", str(PRICES), "-o", str(out)]) in (0, None)
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(gold)
    assert sum(r["verdict"] == "contradicted" for r in rows) == 3
    assert "3 contradicted" in capsys.readouterr().out
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "index_move"}\nnot json\n', encoding="utf-8")
    assert main(["check", str(bad), "--prices", str(PRICES), "-o", str(out)]) == 2
    assert "bad.jsonl: cannot read claims (line 2 is not JSON" in capsys.readouterr().err
