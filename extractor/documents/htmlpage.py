"""Full HTML pages: title, main text, publication time, canonical URL (beautifulsoup4 + lxml).

Chrome (nav, header, footer, aside, scripts, forms, elements whose class/id says ad, promo,
newsletter, share, related...) is dropped, then the container holding the most paragraph
text (article body, <article>, <main>, <body>) is read with one line per block element.
Broken markup is read as far as lxml can repair it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import soupsieve
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

_DROP_TAGS = ["script", "style", "noscript", "template", "iframe", "svg", "nav", "footer", "aside",
              "form", "button", "select", "input", "header", "figure", "video", "audio", "canvas"]
_CHROME = re.compile(
    r"(^|[-_ ])(ad|ads|advert\w*|promo\w*|newsletter\w*|share|sharing|social|related|recommend\w*|"
    r"sidebar|right-rail|footer|nav|navbar|menu|breadcrumbs?|comments?|subscribe\w*|paywall|"
    r"cookie\w*|popup|modal|outbrain|taboola)($|[-_ ])", re.I)
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
          "section", "article", "blockquote", "main", "pre", "dl", "dt", "dd", "hr", "td", "th"}
_BODY_SELECTORS = ["[itemprop=articleBody]", ".body-copy", ".article-body", ".articleBody",
                   ".story-body", ".post-content", ".entry-content", "#articleText", "article", "main"]
_DROP_SET = frozenset(_DROP_TAGS)
_BODY_COMPILED = [soupsieve.compile(sel) for sel in _BODY_SELECTORS]
_BODY_ANY = soupsieve.compile(", ".join(_BODY_SELECTORS))
_PUB_META = ["article:published_time", "og:article:published_time", "parsely-pub-date",
             "datePublished", "pubdate", "publishdate", "publish-date", "date", "dc.date",
             "dcterms.created", "sailthru.date", "article.published", "og:published_time"]


@dataclass
class HtmlPage:
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def _meta_map(soup: BeautifulSoup) -> dict[str, str]:
    out: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        val = tag.get("content") or tag.get("value")
        if key and val and isinstance(key, str):
            out.setdefault(key.strip().lower(), str(val).strip())
    return out


def _json_ld(soup: BeautifulSoup) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for tag in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(tag.string or "")
        except (ValueError, TypeError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            d = stack.pop(0)
            if isinstance(d, dict):
                items.append(d)
                stack.extend(d.get("@graph", []) if isinstance(d.get("@graph"), list) else [])
            elif isinstance(d, list):
                stack.extend(d)
    return items


def _is_chrome(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    names = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")
    return bool(names.strip()) and bool(_CHROME.search(names))


def _text_of(node: Tag) -> str:
    parts: list[str] = []

    def walk(n: Tag) -> None:
        for child in n.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                parts.append(str(child))
            elif isinstance(child, Tag):
                block = child.name in _BLOCK
                if block:
                    parts.append("\n")
                walk(child)
                if block:
                    parts.append("\n")

    walk(node)
    return "".join(parts)


def _drop_chrome(soup: BeautifulSoup) -> None:
    """Remove non-text tags and chrome in one walk over the tree (a tag inside a removed one goes
    with it)."""
    doomed = [t for t in soup.find_all(True) if t.name in _DROP_SET
              or (t.name not in ("body", "html") and _is_chrome(t))]
    for tag in doomed:
        if not tag.decomposed:
            tag.decompose()


def _body_candidates(soup: BeautifulSoup) -> list[Tag]:
    """Elements matching any of the body selectors, in selector order, then document order: one
    soupsieve walk for the whole list instead of one per selector."""
    found = _BODY_ANY.select(soup)
    rank = {id(el): next(i for i, sel in enumerate(_BODY_COMPILED) if sel.match(el)) for el in found}
    return sorted(found, key=lambda el: rank[id(el)])  # stable: document order within a selector


def read_html(source: str) -> HtmlPage:
    soup = BeautifulSoup(source, "lxml")
    meta = _meta_map(soup)
    ld = _json_ld(soup)
    title = meta.get("og:title") or meta.get("twitter:title")
    for d in ld:
        title = title or d.get("headline")
    if not title and soup.title and soup.title.string:
        title = soup.title.string.strip()
    published = next((meta[k] for k in _PUB_META if meta.get(k.lower())), None)
    if not published:
        published = next((str(d["datePublished"]) for d in ld if d.get("datePublished")), None)
    if not published:
        t = soup.find("time", attrs={"datetime": True})
        published = t["datetime"] if t else None
    canon = soup.find("link", rel="canonical")
    url = (canon.get("href") if canon else None) or meta.get("og:url")
    outlet = meta.get("og:site_name")
    _drop_chrome(soup)
    candidates = _body_candidates(soup)
    body = soup.body or soup
    best, best_len = body, -1
    for el in candidates:
        n = sum(len(p.get_text()) for p in el.find_all("p")) or len(el.get_text()) // 4
        if n > best_len:
            best, best_len = el, n
    if best_len <= 0:
        best = body
    return HtmlPage(_text_of(best), title, published, str(url) if url else None, outlet, meta)


def looks_like_html_page(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head
