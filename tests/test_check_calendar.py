"""Trading-session helpers and the optional network provider's failure mode."""

from __future__ import annotations

import datetime as dt
import sys

import pandas as pd
import pytest

from extractor.checking.calendar import (
    is_session,
    previous_session,
    session_for,
    us_session_for_local,
)
from extractor.checking.catalog import canonical_subject, is_proxy, siblings
from extractor.checking.network import ProviderError, fetch_yfinance
from extractor.cli import main


def test_sessions_weekends_holidays_and_far_back():
    assert is_session("XNYS", "2026-02-04") is True
    assert is_session("XNYS", "2026-02-07") is False          # Saturday
    assert is_session("XNYS", "2025-12-25") is False          # Christmas
    assert is_session("XNYS", "1991-03-01") is True           # before the library's default range
    assert previous_session("XNYS", "2026-02-17") == dt.date(2026, 2, 13)  # Presidents' Day
    assert is_session("XSHG", "2026-02-17") is False          # Spring Festival
    assert is_session("24/7", "2026-02-07") is True


def test_session_codes_and_catalog():
    assert session_for("^IXIC") == "XNYS" and session_for("000001.SS") == "XSHG"
    assert session_for("^HSI") == "XHKG" and session_for("^N225") == "XTKS"
    assert session_for("BTC-USD") == "24/7"
    assert [canonical_subject(x) for x in ("IXIC", "^IXIC", "NASDAQCOM", "SP500", "DJIA", "NASDAQ100", "XLE")] == [
        "^IXIC", "^IXIC", "^IXIC", "^GSPC", "^DJI", "^NDX", "energy"]
    assert is_proxy("energy") and not is_proxy("^GSPC")
    assert siblings("^IXIC") == ("^NDX",) and siblings("^DJI") == ("^GSPC",)


def test_beijing_date_to_us_session():
    # published Thu 2026-02-05 in Beijing, "周三" = the US session of Wed 2026-02-04
    assert us_session_for_local("2026-02-05", "Asia/Shanghai", weekday=2) == dt.date(2026, 2, 4)
    assert us_session_for_local(pd.Timestamp("2026-02-05 08:00"), "Asia/Shanghai") == dt.date(2026, 2, 4)
    # 02:00 Beijing is 13:00 New York on Feb 4: that session has not closed yet
    assert us_session_for_local(pd.Timestamp("2026-02-05 02:00"), "Asia/Shanghai") == dt.date(2026, 2, 3)
    assert us_session_for_local("2026-02-09", "Asia/Shanghai") == dt.date(2026, 2, 6)  # Monday morning


def test_yfinance_missing_fails_clearly(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "yfinance", None)
    with pytest.raises(ProviderError, match="not installed"):
        fetch_yfinance(["^GSPC"])
    claims = tmp_path / "c.jsonl"
    claims.write_text('{"kind": "index_move", "subject": "^GSPC", "date": "2026-02-04", "change_pct": -0.6}\n')
    assert main(["check", str(claims), "--provider", "yfinance", "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "yfinance' is not installed" in capsys.readouterr().err


def test_yfinance_offline_fails_clearly(monkeypatch):
    class Offline:
        @staticmethod
        def download(*a, **k):
            raise OSError("could not resolve host")

    monkeypatch.setitem(sys.modules, "yfinance", Offline)
    with pytest.raises(ProviderError, match="offline"):
        fetch_yfinance(["^GSPC"])
