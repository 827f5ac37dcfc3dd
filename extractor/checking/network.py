"""Optional network price provider (yfinance), used only behind ``--provider yfinance``.

Never used by tests or by default: results would depend on the day and on Yahoo. Offline or without
the package it fails with one clear message instead of a traceback.
"""

from __future__ import annotations

import pandas as pd

from extractor.checking import catalog
from extractor.checking.prices import PRICE_COLUMNS


class ProviderError(RuntimeError):
    """The network provider cannot deliver (not installed, offline, unknown symbol)."""


PROVIDERS = ("yfinance",)


def fetch_yfinance(subjects, start: str = "1990-01-01", end: str | None = None) -> pd.DataFrame:
    """Daily OHLC for canonical ``subjects`` from Yahoo Finance, in ``load_prices`` layout."""
    try:
        import yfinance as yf
    except ImportError:
        raise ProviderError(
            "provider 'yfinance' is not installed; run `pip install newsclaims[network]` "
            "or use --prices / `newsclaims prices import` with local files") from None
    frames = []
    for subject in sorted({str(s) for s in subjects if s}):
        info = catalog.series_info(subject)
        symbol = subject if info is None or subject.startswith("^") or "." in subject or "-" in subject \
            else info.aliases[0]
        try:
            raw = yf.download(symbol, start=start, end=end, auto_adjust=False, progress=False)
        except Exception as exc:  # noqa: BLE001 - network problems become one line
            raise ProviderError(f"provider 'yfinance' failed for {symbol}: {exc} (offline?)") from None
        if raw is None or len(raw) == 0:
            continue
        if isinstance(raw.columns, pd.MultiIndex):
            raw.columns = raw.columns.get_level_values(0)
        raw = raw.reset_index()
        frames.append(pd.DataFrame({
            "series": symbol, "subject": subject, "date": pd.to_datetime(raw["Date"]).dt.tz_localize(None),
            "open": raw.get("Open"), "high": raw.get("High"), "low": raw.get("Low"), "close": raw["Close"],
            "source": "yfinance",
        }))
    if not frames:
        raise ProviderError("provider 'yfinance' returned no data (offline or unknown symbols?)")
    return pd.concat(frames, ignore_index=True)[PRICE_COLUMNS]
