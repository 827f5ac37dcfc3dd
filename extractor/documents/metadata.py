"""Title, outlet and URL from front matter, page metadata, text headers and known source lines."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

from extractor.resources import load_yaml

_TITLE_KEYS = ("title", "post_title", "headline", "original_title", "name")
_DATE_KEYS = ("published", "published_at", "published_date", "publish_date", "publishedAt", "pubDate",
              "date", "post_date", "datePublished", "datetime", "time", "created_at", "timestamp")
_URL_KEYS = ("url", "canonical_url", "permalink", "link", "original_link", "source_url")
_SENTENCE_END = re.compile(r"[。.!?!?;;:]$")


@lru_cache(maxsize=1)
def _outlets() -> dict[str, Any]:
    data = load_yaml("catalog/outlets.yaml") or {}
    lines = [(re.compile(e["pattern"], re.M), e["outlet"]) for e in data.get("source_lines", [])]
    return {"domains": data.get("domains", {}), "lines": lines, "fields": data.get("fields", [])}


def first_value(meta: dict[str, Any], keys: tuple[str, ...] | list[str]) -> Any:
    lower = {str(k).lower(): v for k, v in meta.items()}
    for k in keys:
        v = lower.get(k.lower())
        if isinstance(v, list):
            v = v[0] if v else None
        if isinstance(v, dict):
            v = v.get("name") or v.get("title")
        if v not in (None, "", [], {}):
            return v
    return None


def meta_title(meta: dict[str, Any]) -> str | None:
    v = first_value(meta, _TITLE_KEYS)
    return " ".join(str(v).split()) if v else None


def meta_date(meta: dict[str, Any]) -> str | None:
    """The first date-like value among the usual date keys, as ISO."""
    from extractor.documents.dates import to_iso

    for key in _DATE_KEYS:
        v = first_value(meta, [key])
        if v is not None and not isinstance(v, bool):
            iso = to_iso(v)
            if iso:
                return iso
    return None


def meta_url(meta: dict[str, Any]) -> str | None:
    v = first_value(meta, _URL_KEYS)
    v = str(v).strip() if v else None
    return v if v and v.startswith(("http://", "https://")) else None


def outlet_for_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlparse(url).hostname or "").lower().removeprefix("www.")
    domains = _outlets()["domains"]
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = domains.get(".".join(parts[i:]))
        if name:
            return name
    return None


def outlet_from_meta(meta: dict[str, Any]) -> str | None:
    for key in _outlets()["fields"]:
        v = first_value(meta, [key])
        if not v:
            continue
        s = " ".join(str(v).split())
        if key == "author" and (re.search(r"\d{4}|\d:\d", s) or len(s) > 40):
            continue  # scraped "author" fields often hold a timestamp
        return s
    return None


def outlet_from_text(text: str) -> str | None:
    head = text[:3000]
    for pattern, name in _outlets()["lines"]:
        if pattern.search(head):
            return name
    return None


def title_from_text(text: str) -> str | None:
    """The first line when it looks like a headline: short, no sentence-final punctuation."""
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            continue
        s = re.sub(r"^(--|#{1,6})\s*", "", s)
        limit = 60 if re.search(r"[\u4e00-\u9fff]", s) else 160
        if len(s) <= limit and not _SENTENCE_END.search(s) and not s.startswith(("http", "[")):
            return s
        return None
    return None


_HEADER = re.compile(r"^(title|date|published|source|outlet|url|author|by)\s*:\s*(.+)$", re.I)
_REUTERS_HEADER = re.compile(r"^--\s+(.+)$")


def text_header(text: str) -> dict[str, str]:
    """Metadata lines at the top of a plain-text article.

    ``title\\ndate: 2026-01-02\\nsource: ...`` (tracker dumps) and the Reuters raw-dataset header
    (``-- title``, ``-- By ...``, ``-- Mon Nov 20, 2006 4:28pm EST``, ``-- http://...``).
    """
    out: dict[str, str] = {}
    for i, line in enumerate(text.split("\n")[:8]):
        s = line.strip()
        if not s:
            continue
        m = _HEADER.match(s)
        if m and len(s) < 200:
            out.setdefault(m.group(1).lower(), m.group(2).strip())
            continue
        r = _REUTERS_HEADER.match(s)
        if r:
            v = r.group(1).strip()
            if v.startswith("http"):
                out.setdefault("url", v)
            elif v.lower().startswith("by "):
                out.setdefault("author", v[3:].strip())
            elif re.search(r"\b(19|20)\d{2}\b", v) and re.search(r"\d:\d\d", v):
                out.setdefault("date", v)
            elif i == 0:
                out.setdefault("title", v)
            continue
        if i > 0 and out:
            break
    return out
