"""One self-contained, offline HTML report: summary, claim table, highlighted texts, price charts.

The page is rendered server-side (table rows and ``<mark>`` highlights are plain HTML, readable
without JavaScript); a small plain-JS layer adds sorting, filtering and the detail panel. Charts
are drawn client-side by plotly.js, inlined ONCE, from the per-claim price windows embedded as
JSON in a ``<script type="application/json">`` block. Same input -> same bytes.
"""

from __future__ import annotations

import html
import json
import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from extractor.output.tables import is_missing, jsonable

VERDICTS = ("supported", "contradicted", "unverifiable", "unchecked")
# When claims overlap, the mark shows the most alarming verdict among them.
_SEVERITY = {"contradicted": 3, "unverifiable": 2, "supported": 1, "unchecked": 0}
WINDOW = 15
_TEMPLATES = Path(__file__).parent / "templates"


def _verdict(value: Any) -> str:
    return value if isinstance(value, str) and value in _SEVERITY else "unchecked"


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _num(value: Any) -> float | None:
    value = jsonable(value)
    if isinstance(value, bool) or value is None:
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def _fmt(x: float | None, digits: int = 2) -> str:
    if x is None:
        return ""
    return f"{x:,.{digits}f}".rstrip("0").rstrip(".") if abs(x) < 1e6 else _si(x)


def _si(x: float) -> str:
    for div, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if abs(x) >= div:
            return f"{x / div:,.3f}".rstrip("0").rstrip(".") + suffix
    return f"{x:,.2f}"


def claim_value(row: dict[str, Any]) -> tuple[str, float | None]:
    """A short human display of what the claim says, and a number to sort it by."""
    kind = row.get("kind")
    approx = "≈" if row.get("approx") else ""
    bound = {"at_least": "≥", "at_most": "≤"}.get(row.get("bound") or "", "")
    if kind in ("index_move", "sector_move", "asset_move"):
        parts, key = [], _num(row.get("change_pct"))
        lo, hi = _num(row.get("change_pct_low")), _num(row.get("change_pct_high"))
        if key is not None:
            parts.append(f"{bound}{approx}{key:+.2f}%")
        elif lo is not None and hi is not None:
            parts.append(f"{lo:+.2f}…{hi:+.2f}%")
            key = lo
        level = _num(row.get("level"))
        if level is not None:
            parts.append(f"→ {_fmt(level)}")
            key = level if key is None else key
        return " ".join(parts), key
    if kind == "money":
        amount = _num(row.get("amount"))
        lo, hi = _num(row.get("amount_low")), _num(row.get("amount_high"))
        cur = row.get("currency") or ""
        if amount is not None:
            return f"{bound}{approx}{_si(amount) if abs(amount) >= 1e6 else _fmt(amount)} {cur}".strip(), amount
        if lo is not None and hi is not None:
            return f"{_si(lo)}–{_si(hi)} {cur}".strip(), lo
        return "", None
    if kind == "percentile":
        p = _num(row.get("percentile"))
        window = f" ({row['window']})" if row.get("window") else ""
        return ("" if p is None else f"p{_fmt(p)}{window}"), p
    p = _num(row.get("percent"))
    unit = row.get("unit") or "%"
    if p is None:
        lo, hi = _num(row.get("percent_low")), _num(row.get("percent_high"))
        return ("", None) if lo is None or hi is None else (f"{_fmt(lo)}–{_fmt(hi)} {unit}", lo)
    return f"{bound}{approx}{_fmt(p)} {unit}", p


@dataclass
class _Segment:
    start: int
    end: int
    ids: list[str]


def highlight_segments(text: str, spans: list[tuple[int, int, str]]) -> list[_Segment]:
    """Cut ``text`` at every claim boundary; each piece lists the claims covering it (overlaps ok)."""
    valid = [(s, e, cid) for s, e, cid in spans if 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in valid), *(e for _, e, _ in valid)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        ids = [cid for s, e, cid in valid if s <= a and b <= e]
        out.append(_Segment(a, b, ids))
    return out


def _render_text(text: str, claims: list[dict[str, Any]]) -> str:
    spans = []
    for c in claims:
        s, e = _num(c.get("start")), _num(c.get("end"))
        if s is not None and e is not None:
            spans.append((int(s), int(e), c["claim_id"]))
    by_id = {c["claim_id"]: c for c in claims}
    parts = []
    for seg in highlight_segments(text, spans):
        piece = _esc(text[seg.start:seg.end])
        if not seg.ids:
            parts.append(piece)
            continue
        # innermost (shortest) claim first: that is what a click selects
        ids = sorted(seg.ids, key=lambda i: (int(by_id[i]["end"]) - int(by_id[i]["start"]), i))
        verdict = max((by_id[i]["_verdict"] for i in ids), key=_SEVERITY.__getitem__)
        cls = f"claim v-{verdict}" + (" overlap" if len(ids) > 1 else "")
        title = " | ".join(f"{by_id[i]['kind']}: {by_id[i]['_verdict']}" for i in ids)
        parts.append(f'<mark class="{cls}" data-claims="{" ".join(ids)}" title="{_esc(title)}">{piece}</mark>')
    return "".join(parts)


def _series_lookup(prices: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    if prices is None or prices.empty:
        return {}
    frame = prices.copy()
    frame["date"] = pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d")
    frame = frame.dropna(subset=["close"]).sort_values(["series", "date"], kind="stable")
    return {str(name): group.reset_index(drop=True) for name, group in frame.groupby("series", sort=True)}


def _find_series(row: dict[str, Any], series: dict[str, pd.DataFrame]) -> str | None:
    """The price series a checked claim used: by ``price_series`` name, else by subject."""
    named = row.get("price_series")
    if isinstance(named, str) and named:
        candidates = [named, named.split()[0].strip("(),;"), named.lstrip("^")]
        for cand in candidates:
            if cand in series:
                return cand
            if cand.lstrip("^") in series:
                return cand.lstrip("^")
    subject = row.get("subject")
    if isinstance(subject, str) and subject:
        for name, group in series.items():
            if "subject" in group.columns and (group["subject"] == subject).any():
                return name
        if subject.lstrip("^") in series:
            return subject.lstrip("^")
    return None


def _chart(row: dict[str, Any], series: dict[str, pd.DataFrame]) -> dict[str, Any] | None:
    """±WINDOW sessions of closes around the claim's date, with claimed/observed points."""
    name = _find_series(row, series)
    anchor = row.get("observed_date") or row.get("date")
    if name is None or not isinstance(anchor, str):
        return None
    group = series[name]
    dates = group["date"].tolist()
    i = bisect_right(dates, anchor[:10]) - 1
    if i < 0:
        return None
    window = group.iloc[max(0, i - WINDOW): i + WINDOW + 1]
    closes = [_num(v) for v in window["close"]]
    point_date = dates[i]
    observed = _num(row.get("observed_level"))
    if observed is None:
        observed = _num(group["close"].iloc[i])
    claimed = _num(row.get("level"))
    implied = False
    change = _num(row.get("change_pct"))
    if claimed is None and change is not None and i > 0:
        claimed = _num(group["close"].iloc[i - 1]) * (1 + change / 100)
        implied = True
    return {
        "series": name, "dates": window["date"].tolist(), "close": closes, "date": point_date,
        "observed": observed, "claimed": None if claimed is None else round(claimed, 4), "implied": implied,
        "prev_date": dates[i - 1] if i > 0 else None,
        "prev_close": _num(group["close"].iloc[i - 1]) if i > 0 else None,
    }


def _records(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    if frame is None or frame.empty:
        return []
    cols = list(frame.columns)
    return [dict(zip(cols, (jsonable(v) for v in row), strict=True)) for row in frame.itertuples(index=False, name=None)]


def _json_script(payload: Any) -> str:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _summary_html(claims: list[dict[str, Any]], n_docs: int) -> str:
    by_verdict = Counter(c["_verdict"] for c in claims)
    by_kind = Counter(c.get("kind") or "?" for c in claims)
    cards = [f'<div class="card total"><div class="n">{len(claims)}</div><div class="l">claims</div></div>',
             f'<div class="card total"><div class="n">{n_docs}</div><div class="l">documents</div></div>']
    for v in VERDICTS:
        cards.append(f'<button type="button" class="card v-{v}" data-filter-verdict="{v}">'
                     f'<div class="n">{by_verdict.get(v, 0)}</div><div class="l">{v}</div></button>')
    kinds = "".join(
        f'<tr><th>{_esc(k)}</th>' + "".join(
            f'<td class="num">{sum(1 for c in claims if c.get("kind") == k and c["_verdict"] == v) or ""}</td>'
            for v in VERDICTS) + f'<td class="num total">{n}</td></tr>'
        for k, n in sorted(by_kind.items()))
    head = "".join(f'<th class="num"><span class="dot v-{v}"></span>{v}</th>' for v in VERDICTS)
    table = (f'<table class="kinds"><thead><tr><th>kind</th>{head}<th class="num">total</th></tr></thead>'
             f"<tbody>{kinds}</tbody></table>")
    return f'<div class="cards">{"".join(cards)}</div>{table}'


_TABLE_COLUMNS = (("doc", "doc_id"), ("kind", "kind"), ("claim", "text"), ("subject", "subject"),
                  ("date", "date"), ("value", "_value"), ("verdict", "_verdict"))


def _table_html(claims: list[dict[str, Any]]) -> str:
    head = "".join(f'<th data-col="{i}" data-type="{"num" if key == "_value" else "text"}">{label}</th>'
                   for i, (label, key) in enumerate(_TABLE_COLUMNS))
    rows = []
    for c in claims:
        cells = []
        for _, key in _TABLE_COLUMNS:
            if key == "_value":
                sort = "" if c["_sort"] is None else repr(c["_sort"])
                cells.append(f'<td class="num" data-v="{sort}">{_esc(c["_value"])}</td>')
            elif key == "_verdict":
                cells.append(f'<td><span class="badge v-{c["_verdict"]}">{c["_verdict"]}</span></td>')
            elif key == "subject":
                sub = c.get("subject") or c.get("subject_text") or ""
                cells.append(f'<td title="{_esc(c.get("subject_text"))}">{_esc(sub)}</td>')
            else:
                cells.append(f"<td>{_esc(c.get(key))}</td>")
        rows.append(f'<tr data-id="{_esc(c["claim_id"])}" data-verdict="{c["_verdict"]}" '
                    f'data-kind="{_esc(c.get("kind"))}" tabindex="0">{"".join(cells)}</tr>')
    return f'<table id="claims-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _documents_html(docs: list[dict[str, Any]], claims_by_doc: dict[str, list[dict[str, Any]]]) -> str:
    if not docs:
        return '<p class="muted">No documents table was given, so texts are not shown.</p>'
    out = []
    for i, d in enumerate(docs):
        doc_id = d.get("doc_id") or ""
        its = claims_by_doc.get(doc_id, [])
        counts = Counter(c["_verdict"] for c in its)
        dots = "".join(f'<span class="badge v-{v}">{counts[v]}</span>' for v in VERDICTS if counts.get(v))
        meta = " · ".join(_esc(x) for x in (d.get("lang"), d.get("published"), d.get("outlet")) if x)
        link = f' · <a href="{_esc(d["url"])}" rel="noopener noreferrer">source</a>' if d.get("url") else ""
        err = f'<p class="error">{_esc(d["error"])}</p>' if d.get("error") else ""
        body = _render_text(d.get("text") or "", its)
        out.append(
            f'<details class="doc" id="doc-{i}" data-doc="{_esc(doc_id)}">'
            f'<summary><span class="doc-title">{_esc(d.get("title") or doc_id)}</span>'
            f'<span class="doc-meta">{_esc(doc_id)}{" · " + meta if meta else ""}{link}</span>'
            f'<span class="doc-counts">{dots}</span></summary>{err}'
            f'<div class="doctext" lang="{_esc(d.get("lang") or "")}">{body}</div></details>')
    return "".join(out)


def build_report(claims: pd.DataFrame, documents: pd.DataFrame | None, prices: pd.DataFrame | None,
                 path: str | PathLike, *, title: str = "newsclaims report") -> Path:
    """Write the single-file HTML report to ``path`` and return it."""
    from plotly.offline import get_plotlyjs

    rows = _records(claims)
    rows.sort(key=lambda c: (str(c.get("doc_id") or ""), _num(c.get("start")) or 0, _num(c.get("end")) or 0,
                             str(c.get("kind") or ""), str(c.get("claim_id") or "")))
    docs = _records(documents)
    docs.sort(key=lambda d: str(d.get("doc_id") or ""))
    series = _series_lookup(prices)
    charts: dict[str, Any] = {}
    for c in rows:
        c["claim_id"] = str(c.get("claim_id") or f"row{len(charts)}")
        c["_verdict"] = _verdict(c.get("verdict"))
        c["_value"], c["_sort"] = claim_value(c)
        if c["_verdict"] != "unchecked" or not is_missing(c.get("observed_level")):
            chart = _chart(c, series)
            if chart is not None:
                charts[c["claim_id"]] = chart
    claims_by_doc: dict[str, list[dict[str, Any]]] = {}
    for c in rows:
        claims_by_doc.setdefault(str(c.get("doc_id") or ""), []).append(c)
    doc_index = {str(d.get("doc_id") or ""): i for i, d in enumerate(docs)}
    payload = {
        "claims": {c["claim_id"]: {k: v for k, v in c.items() if not k.startswith("_") and v not in (None, [])}
                   | {"_verdict": c["_verdict"], "_doc": doc_index.get(str(c.get("doc_id") or ""))}
                   for c in rows},
        "charts": charts,
        "order": [c["claim_id"] for c in rows],
    }
    page = (_TEMPLATES / "report.html").read_text(encoding="utf-8")
    parts = {
        "__TITLE__": _esc(title),
        "__SUMMARY__": _summary_html(rows, len(docs)),
        "__KIND_OPTIONS__": "".join(f'<option value="{_esc(k)}">{_esc(k)}</option>'
                                    for k in sorted({str(c.get("kind")) for c in rows})),
        "__TABLE__": _table_html(rows),
        "__DOCUMENTS__": _documents_html(docs, claims_by_doc),
        "/*__CSS__*/": (_TEMPLATES / "report.css").read_text(encoding="utf-8"),
        "__DATA__": _json_script(payload),
        "/*__APP__*/": (_TEMPLATES / "report.js").read_text(encoding="utf-8"),
    }
    parts["/*__PLOTLY__*/"] = get_plotlyjs()
    # one pass, so placeholder-like text inside documents is never substituted
    pattern = re.compile("|".join(re.escape(k) for k in parts))
    page = pattern.sub(lambda m: parts[m.group(0)], page)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8", newline="\n")
    return path
