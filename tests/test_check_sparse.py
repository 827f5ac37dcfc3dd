"""Sparse price files: bases come from the exchange calendar, never from an older row.

The project's own corpora/prices hold only selected rows. Each case drops or adds a row in a copy
of one of those files and checks that the verdict follows the calendar's previous session, the
last session of the prior year, N sessions back and the from-peak window.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extractor.checking.verdicts import check_claims

PRICES = Path(__file__).resolve().parents[1] / "corpora" / "prices"


def sparse(tmp_path: Path, name: str, drop=(), add=None) -> Path:
    """A copy of corpora/prices/<name> without the ``drop`` dates (plus ``add`` rows) in a tmp folder."""
    df = pd.read_csv(PRICES / name, dtype=str)
    df = df[~df["date"].isin(drop)]
    if add:
        df = pd.concat([df, pd.DataFrame(add)], ignore_index=True).sort_values("date")
    folder = tmp_path / name.replace(".", "_")
    folder.mkdir()
    df.to_csv(folder / name, index=False)
    return folder


def move(subject, day, pct, period="1d", **kw):
    return dict(doc_id="t.txt", lang="en", kind="index_move", subject=subject, date=day, period=period,
                change_pct=pct, text=f"{subject} {pct}%", **kw)


def test_previous_session_missing_is_unverifiable_not_an_older_row(tmp_path):
    # IXIC 2026-02-04: -1.51% from 2026-02-03; without that row the previous row is 2026-01-30
    full = check_claims(pd.DataFrame([move("^IXIC", "2026-02-04", -1.51)]), prices=PRICES)
    assert full.verdict[0] == "supported", full.verdict_reason[0]
    folder = sparse(tmp_path, "IXIC.csv", drop=["2026-02-03"])
    out = check_claims(pd.DataFrame([move("^IXIC", "2026-02-04", -1.51), move("^IXIC", "2026-02-04", -3.0)]),
                       prices=folder)
    assert list(out.verdict) == ["unverifiable", "unverifiable"], list(out.verdict_reason)
    assert "no close for the previous session 2026-02-03 in IXIC.csv" in out.verdict_reason[0]
    assert out.observed_level[0] == pytest.approx(22904.58)


def test_level_still_checked_when_the_base_is_missing(tmp_path):
    folder = sparse(tmp_path, "IXIC.csv", drop=["2026-02-03"])
    rows = [move("^IXIC", "2026-02-04", -1.51, level=22904.58), move("^IXIC", "2026-02-04", -1.51, level=22994.58)]
    out = check_claims(pd.DataFrame(rows), prices=folder)
    assert out.verdict[0] == "unverifiable" and "the level holds but the rest cannot be checked" in out.verdict_reason[0]
    assert out.verdict[1] == "contradicted"  # a wrong level is wrong whatever the base


def test_claim_day_row_missing_says_so(tmp_path):
    folder = sparse(tmp_path, "IXIC.csv", drop=["2026-02-04"])
    out = check_claims(pd.DataFrame([move("^IXIC", "2026-02-04", -1.51)]), prices=folder)
    assert out.verdict[0] == "unverifiable"
    assert "No close for the session 2026-02-04 in IXIC.csv" in out.verdict_reason[0]


def test_ytd_uses_last_session_of_prior_year(tmp_path):
    # GSPC 2025-12-31 ytd vs the 2024-12-31 close
    gspc = pd.read_csv(PRICES / "GSPC.csv").set_index("date")["close"]
    pct = round((gspc["2025-12-31"] / gspc["2024-12-31"] - 1) * 100, 2)
    out = check_claims(pd.DataFrame([move("^GSPC", "2025-12-31", pct, "ytd")]), prices=PRICES)
    assert out.verdict[0] == "supported", out.verdict_reason[0]
    assert "year to date from" in out.verdict_reason[0] and "(2024-12-31)" in out.verdict_reason[0]
    folder = sparse(tmp_path, "GSPC.csv", drop=["2024-12-31"])
    out = check_claims(pd.DataFrame([move("^GSPC", "2025-12-31", pct, "ytd")]), prices=folder)
    assert out.verdict[0] == "unverifiable"
    assert "no close for the last session of 2024 (2024-12-31) in GSPC.csv" in out.verdict_reason[0]


def test_nikkei_ytd_base_is_the_last_tokyo_session():
    n225 = pd.read_csv(PRICES / "N225.csv").set_index("date")["close"]
    pct = round((n225["2026-02-10"] / n225["2025-12-30"] - 1) * 100, 2)
    out = check_claims(pd.DataFrame([move("^N225", "2026-02-10", pct, "ytd")]), prices=PRICES)
    assert out.verdict[0] == "supported", out.verdict_reason[0]
    assert "(2025-12-30)" in out.verdict_reason[0]


def test_n_sessions_counts_calendar_sessions_not_rows(tmp_path):
    rut = pd.read_csv(PRICES / "RUT.csv").set_index("date")["close"]
    pct = round((rut["2026-01-22"] / rut["2026-01-07"] - 1) * 100, 2)  # 10 sessions back (MLK day closed)
    claim = pd.DataFrame([move("^RUT", "2026-01-22", pct, "10d")])
    assert check_claims(claim, prices=PRICES).verdict[0] == "supported"
    # a row missing inside the window does not shift the base
    out = check_claims(claim, prices=sparse(tmp_path, "RUT.csv", drop=["2026-01-13"]))
    assert out.verdict[0] == "supported", out.verdict_reason[0]
    assert "(2026-01-07)" in out.verdict_reason[0]
    # the base row itself missing: unverifiable, naming the session
    (tmp_path / "b").mkdir()
    out = check_claims(claim, prices=sparse(tmp_path / "b", "RUT.csv", drop=["2026-01-07"]))
    assert out.verdict[0] == "unverifiable"
    assert "no close for the session 10 sessions back (2026-01-07) in RUT.csv" in out.verdict_reason[0]


def test_from_peak_window_is_sessions_not_rows(tmp_path):
    ixic = pd.read_csv(PRICES / "IXIC.csv").set_index("date")["close"]
    pct = round((ixic["2026-02-04"] / ixic["2025-10-29"] - 1) * 100, 2)
    claim = pd.DataFrame([move("^IXIC", "2026-02-04", pct, "from_peak")])
    assert check_claims(claim, prices=PRICES).verdict[0] == "supported"
    # a higher close more than 252 sessions earlier (but within 252 rows of this sparse file) is ignored
    old = {"date": "2024-06-03", "open": "", "high": "", "low": "", "close": "30000", "volume": ""}
    out = check_claims(claim, prices=sparse(tmp_path, "IXIC.csv", add=[old]))
    assert out.verdict[0] == "supported", out.verdict_reason[0]
    assert "(2025-10-29)" in out.verdict_reason[0]
    # inside the window it is the peak
    (tmp_path / "b").mkdir()
    recent = dict(old, date="2025-06-02")
    out = check_claims(claim, prices=sparse(tmp_path / "b", "IXIC.csv", add=[recent]))
    assert out.verdict[0] == "contradicted" and "(2025-06-02)" in out.verdict_reason[0]


def test_explanation_uses_calendar_neighbours(tmp_path):
    # claimed the next session's move (2026-02-05) for 2026-02-04; with 2026-02-05 missing nothing fits
    ixic = pd.read_csv(PRICES / "IXIC.csv").set_index("date")["close"]
    nxt = round((ixic["2026-02-05"] / ixic["2026-02-04"] - 1) * 100, 2)
    claim = pd.DataFrame([move("^IXIC", "2026-02-04", nxt)])
    out = check_claims(claim, prices=PRICES)
    assert out.verdict[0] == "contradicted"
    assert out.explanation[0].startswith("matches the next session's move (2026-02-05")
    out = check_claims(claim, prices=sparse(tmp_path, "IXIC.csv", drop=["2026-02-05"]))
    assert out.explanation[0] is None or "next session" not in out.explanation[0]


def test_price_cache_follows_file_changes(tmp_path):
    import os

    from extractor.checking.prices import load_prices

    folder = sparse(tmp_path, "IXIC.csv")
    claim = pd.DataFrame([move("^IXIC", "2026-02-04", -1.51)])
    assert check_claims(claim, prices=folder).verdict[0] == "supported"
    path = folder / "IXIC.csv"
    text = path.read_text().replace("22904.58", "22004.58")
    path.write_text(text)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert check_claims(claim, prices=folder).verdict[0] == "contradicted"
    # a frame edited in place is not answered from a stale table
    frame = load_prices(PRICES / "IXIC.csv")
    assert check_claims(claim, prices=frame).verdict[0] == "supported"
    frame.loc[frame["date"] == "2026-02-04", "close"] = 22004.58
    assert check_claims(claim, prices=frame).verdict[0] == "contradicted"
