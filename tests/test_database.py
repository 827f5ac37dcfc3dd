"""ClaimsDatabase: idempotent batches, replacement of changed documents, atomic failure."""

from __future__ import annotations

import pandas as pd
import pytest
from test_output_samples import sample_claims, sample_documents, sample_prices

from extractor.claims.record import CHECK_COLUMNS, CLAIM_COLUMNS
from extractor.output.database import ClaimsDatabase, make_path_key


@pytest.fixture
def db(tmp_path):
    with ClaimsDatabase(tmp_path / "claims.duckdb") as database:
        yield database


def _ids(frame: pd.DataFrame) -> list[str]:
    return frame["claim_id"].tolist()


def test_document_list_columns_round_trip(db):
    docs = sample_documents()
    docs["warnings"] = [["mojibake repaired", "编码猜测"], []]
    db.write_batch(docs, sample_claims())
    back = db.documents().set_index("path_key")
    assert back.loc[docs.path_key[0], "warnings"] == ["mojibake repaired", "编码猜测"]
    assert back.loc[docs.path_key[1], "warnings"] == []


def test_write_twice_same_rows(db):
    docs, claims = sample_documents(), sample_claims()
    db.write_batch(docs, claims)
    first = db.claims()
    db.write_batch(docs, claims)
    second = db.claims()
    assert db.counts() == {"documents": 2, "claims": 10, "checks": 6, "price_series": 0}
    pd.testing.assert_frame_equal(first, second)
    assert sorted(_ids(first)) == sorted(_ids(claims))


def test_round_trip_values_and_order(db):
    db.write_batch(sample_documents(), sample_claims())
    out = db.claims()
    assert list(out.columns[: len(CLAIM_COLUMNS)]) == CLAIM_COLUMNS
    assert set(CHECK_COLUMNS) <= set(out.columns) and "consistency" in out.columns
    keys = list(zip(out.doc_id, out.start, out.end, out.kind, strict=True))
    assert keys == sorted(keys)
    ixic = out[out.subject_text == "纳斯达克综合指数"].iloc[0]
    assert ixic.refs == [2] and ixic.level == 22904.58 and ixic.verdict == "supported"
    assert out[out.subject_text == "道琼斯工业平均指数"].iloc[0].consistency == "level_vs_change"
    assert out[out.kind == "money"].verdict.isna().all()
    docs = db.documents()
    assert docs.loc[docs.doc_id == "zh/000_market_wrap.txt", "references"].iloc[0][0]["publisher"] == "路透社"
    assert db.document_hashes() == {"/data/news/zh/000_market_wrap.txt#0": "a" * 16,
                                    "/data/news/en/001_tech_rout.md#0": "b" * 16}
    bare = db.claims(with_checks=False)
    assert "verdict" not in bare.columns and len(bare) == 10


def test_changed_document_replaces_its_claims(db):
    docs, claims = sample_documents(), sample_claims()
    db.write_batch(docs, claims)
    zh_key = docs.path_key[0]
    new_doc = docs[docs.path_key == zh_key].copy()
    new_doc["content_hash"] = "c" * 16
    new_claims = claims[claims.path_key == zh_key].head(1).copy()
    new_claims["claim_id"] = "feedfacefeedface"
    new_claims[CHECK_COLUMNS] = None
    db.write_batch(new_doc, new_claims)
    out = db.claims()
    assert db.document_hashes()[zh_key] == "c" * 16
    assert out[out.path_key == zh_key].claim_id.tolist() == ["feedfacefeedface"]
    assert len(out[out.path_key != zh_key]) == 4  # the English document is untouched
    assert db.counts()["checks"] == 2  # the zh checks went with their claims


def test_failure_inside_batch_leaves_previous_rows(db, monkeypatch):
    docs, claims = sample_documents(), sample_claims()
    db.write_batch(docs, claims)
    before_claims, before_docs = db.claims(), db.documents()
    original = ClaimsDatabase._insert

    def boom(self, table, frame):
        if table == "claims":
            raise RuntimeError("disk full")
        return original(self, table, frame)

    monkeypatch.setattr(ClaimsDatabase, "_insert", boom)
    changed = docs.copy()
    changed["content_hash"] = "d" * 16
    with pytest.raises(RuntimeError, match="disk full"):
        db.write_batch(changed, claims.head(2))
    pd.testing.assert_frame_equal(db.claims(), before_claims)
    pd.testing.assert_frame_equal(db.documents(), before_docs)
    monkeypatch.undo()
    db.write_batch(changed, claims.head(2))  # the connection still works after the rollback
    assert db.counts()["claims"] == 2


def test_write_checks_replaces_by_claim_id(db):
    claims = sample_claims()
    db.write_batch(sample_documents(), claims.drop(columns=CHECK_COLUMNS))
    assert db.counts()["checks"] == 0
    db.write_checks(claims)
    assert db.counts()["checks"] == 6
    flipped = claims[claims.verdict == "contradicted"].copy()
    flipped["verdict"] = "supported"
    db.write_checks(flipped)
    out = db.claims()
    assert out[out.subject_text == "道琼斯工业平均指数"].verdict.iloc[0] == "supported"
    assert db.counts()["checks"] == 6


def test_write_prices_upserts(db):
    prices = sample_prices()
    db.write_prices(prices)
    n = db.counts()["price_series"]
    assert n == len(prices)
    again = prices.head(3).copy()
    again["close"] = 1.0
    db.write_prices(again)
    stored = db.prices()
    assert len(stored) == n
    first = stored[(stored.series == again.series[0]) & (stored.date == again.date[0])]
    assert first.close.tolist() == [1.0]


def test_remove_missing(db, tmp_path):
    docs, claims = sample_documents(), sample_claims()
    db.write_batch(docs, claims)
    removed = db.remove_missing({docs.path_key[1]}, ["/data/news"])
    assert removed == 1
    assert db.counts()["documents"] == 1 and set(db.claims().path_key) == {docs.path_key[1]}
    assert make_path_key(tmp_path / "x.txt", 2) == f"{tmp_path.resolve()}/x.txt#2"


def test_reopen_file_keeps_rows(tmp_path):
    path = tmp_path / "db.duckdb"
    with ClaimsDatabase(path) as first:
        first.write_batch(sample_documents(), sample_claims())
    with ClaimsDatabase(path) as second:
        assert second.counts()["claims"] == 10
