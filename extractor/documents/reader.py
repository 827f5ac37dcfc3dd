"""Walk input paths and read every article file into :class:`Document` records.

Never raises for a bad file: it comes back as a Document with ``error`` set and ``text`` "",
and one warning line "<path>: <problem>" goes to the ``newsclaims`` logger.

Folders are walked recursively in sorted order, following directory symlinks but never
into a directory already visited (symlink loops). In a folder walk only article files are
picked up (.txt .md .markdown .html .htm .json .jsonl and files without extension) unless an
``include`` glob names them; a file given explicitly is always read.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from extractor.documents import manifest
from extractor.documents import metadata as md
from extractor.documents.boilerplate import remove_boilerplate
from extractor.documents.dates import dates_in_text
from extractor.documents.encoding import DecodeError, decode, looks_binary
from extractor.documents.frontmatter import parse_front_matter
from extractor.documents.htmlpage import looks_like_html_page, read_html
from extractor.documents.language import detect_language
from extractor.documents.markup import looks_like_markdown, strip_markdown
from extractor.documents.normalize import fold, normalize_mapped
from extractor.documents.record import Document
from extractor.documents.references import find_references
from extractor.documents.textmap import Mapped

log = logging.getLogger("newsclaims")

MAX_BYTES = 20 * 1024 * 1024
ARTICLE_EXTS = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ""}
_MD_EXTS = {".md", ".markdown"}
_HTML_EXTS = {".html", ".htm", ".xhtml"}
_BODY_KEYS = ("body", "content", "text", "article", "article_body", "articleBody", "full_text", "story")
_LIST_KEYS = ("articles", "items", "data", "records", "documents", "docs", "results", "news")


def _fail(doc: Document, problem: str) -> Document:
    doc.error = problem
    doc.text = ""
    log.warning("%s: %s", doc.path, problem)
    return doc


def _matches(rel: str, patterns: list[str] | None) -> bool:
    if not patterns:
        return False
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) or PurePosixPath(rel).match(p)
               for p in patterns)


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root``, sorted, following dir symlinks once (no cycles)."""
    seen: set[tuple[int, int]] = set()

    def visit(d: Path) -> Iterator[Path]:
        try:
            st = d.stat()
        except OSError:
            yield d
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError:
            yield d
            return
        for e in entries:
            if e.name.startswith("."):
                continue
            p = Path(e.path)
            try:
                is_dir = e.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                yield from visit(p)
            else:
                yield p

    yield from visit(root)


def iter_files(paths, include=None, exclude=None) -> Iterator[tuple[str, str | None]]:
    """(file, input folder or None) for every file a batch reads, in deterministic order.

    Folders are walked recursively (symlink loops cut) and filtered by the include/exclude
    globs on the relative path; a file named directly is always taken unless excluded.
    """
    include, exclude = list(include or []), list(exclude or [])
    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            for f in _walk(p):
                rel = f.relative_to(p).as_posix()
                if _matches(rel, exclude):
                    continue
                if include and not _matches(rel, include):
                    continue
                if not include and f.suffix.lower() not in ARTICLE_EXTS and f.is_file():
                    continue
                yield str(f), str(p)
        elif not _matches(p.name, exclude):
            yield str(p), None


def iter_documents(paths: list[str], include: list[str] | None = None, exclude: list[str] | None = None,
                   max_bytes: int | None = None) -> Iterator[Document]:
    """One Document per file (per record for JSON), deterministic order; see module doc."""
    for path, root in iter_files(paths, include, exclude):
        yield from read_file(path, root, max_bytes=max_bytes)


def read_file(path: str, root: str | None = None, max_bytes: int | None = None) -> list[Document]:
    """Documents of one file; ``root`` is the input folder ``doc_id`` is relative to."""
    p = Path(path)
    doc_id = Path(os.path.relpath(p, root)).as_posix() if root else p.name
    doc = Document(doc_id=doc_id, path=p.as_posix())
    limit = MAX_BYTES if max_bytes is None else max_bytes
    try:
        if p.is_symlink() and not p.exists():
            return [_fail(doc, "broken symlink")]
        if p.is_dir():
            return [_fail(doc, "is a directory (cycle or unreadable folder), not a file")]
        if not p.exists():
            return [_fail(doc, "no such file")]
        size = p.stat().st_size
        if size > limit:
            return [_fail(doc, f"file too large ({size / 1e6:.1f} MB > {limit / 1e6:.1f} MB limit)")]
        with open(p, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        return [_fail(doc, f"unreadable file ({exc.strerror or exc})")]
    doc.content_hash = hashlib.sha256(data).hexdigest()[:16]
    ext = p.suffix.lower()
    doc.format = {".md": "markdown", ".markdown": "markdown", ".htm": "html", ".jsonl": "jsonl"}.get(
        ext, ext.lstrip(".") or "txt")
    if not data.strip():
        return [_fail(doc, "empty file")]
    why = looks_binary(data)
    if why:
        return [_fail(doc, why)]
    try:
        raw, doc.encoding = decode(data)
    except DecodeError as exc:
        return [_fail(doc, str(exc))]
    if ext in (".json", ".jsonl"):
        return _with_manifest(_read_json(doc, raw), path)
    try:
        return _with_manifest([_read_text(doc, raw, ext)], path)
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the batch
        return [_fail(doc, f"could not read ({type(exc).__name__}: {exc})")]


def _with_manifest(docs: list[Document], path: str) -> list[Document]:
    """Fill publication date, outlet and URL from a folder manifest (see ``manifest.py``), read
    with the same keys as front matter."""
    entry = manifest.lookup(path)
    if entry is None:
        return docs
    for i, doc in enumerate(docs):
        if not doc.ok:
            continue
        meta = manifest.record_meta(entry, i, len(docs))
        published = md.meta_date(meta)
        if published and (doc.published is None or doc.published_inferred):
            doc.published, doc.published_inferred = published, False
        doc.outlet = doc.outlet or md.outlet_from_meta(meta)
        doc.url = doc.url or md.meta_url(meta)
    return docs


def _read_text(doc: Document, raw: str, ext: str) -> Document:
    meta: dict[str, Any] = {}
    if ext in _HTML_EXTS or (ext not in _MD_EXTS and looks_like_html_page(raw)):
        doc.format = "html"
        page = read_html(raw)
        mapped = Mapped.identity(page.text)
        doc.original = page.text
        meta = {"title": page.title, "published": page.published, "url": page.url,
                "site_name": page.outlet}
        return _finish(doc, mapped, meta, from_header=False)
    doc.original = raw
    mapped = Mapped.identity(raw)
    fm = parse_front_matter(raw)
    if fm.warning:
        doc.warnings.append(fm.warning)
        log.warning("%s: %s", doc.path, fm.warning)
    if fm.body_start:
        meta = fm.meta
        mapped = mapped.slice(fm.body_start, len(raw))
    if ext in _MD_EXTS or fm.body_start or looks_like_markdown(raw):
        doc.format = "markdown"
        mapped = strip_markdown(mapped)
    return _finish(doc, mapped, meta, from_header=not fm.body_start)


def _finish(doc: Document, mapped: Mapped, meta: dict[str, Any], from_header: bool) -> Document:
    m = normalize_mapped(mapped)
    guess = detect_language(m.text)
    doc.lang, doc.mixed_language = guess.lang, guess.mixed
    header = md.text_header(m.text) if from_header else {}
    outlet_line = md.outlet_from_text(m.text)
    m = remove_boilerplate(m)
    if not m.text.strip():
        return _fail(doc, "no article text (only markup or boilerplate)")
    doc.text, doc.offset_map = m.text, m.offsets
    doc.body_end, doc.references = find_references(doc.text)
    meta = {**header, **{k: v for k, v in meta.items() if v not in (None, "")}}
    title = md.meta_title(meta)
    doc.title = fold(title) if title else md.title_from_text(doc.text)
    doc.url = md.meta_url(meta)
    doc.outlet = md.outlet_from_meta(meta) if "source" in meta or "outlet" in meta else None
    doc.outlet = doc.outlet or md.outlet_for_url(doc.url) or outlet_line or md.outlet_from_meta(meta)
    doc.published = md.meta_date(meta)
    if doc.published is None:
        body = doc.text[: doc.body_end] if doc.body_end else doc.text
        found = dates_in_text(doc.title or "") or _plausible(dates_in_text(body))
        if found:
            doc.published, doc.published_inferred = max(found).isoformat(), True
    return doc


def _plausible(dates: list) -> list:
    """Dates near the bulk of those stated (drops far-future maturities and targets)."""
    if not dates:
        return dates
    mid = sorted(dates)[len(dates) // 2]
    return [d for d in dates if (d - mid).days <= 62]


def _read_json(doc: Document, raw: str) -> list[Document]:
    records: list[tuple[int, Any]] = []
    if doc.format == "jsonl":
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append((n, json.loads(line)))
            except json.JSONDecodeError as exc:
                records.append((n, ValueError(f"line {n}: invalid JSON ({exc.msg})")))
    else:
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            return [_fail(doc, f"invalid JSON ({exc.msg} at line {exc.lineno})")]
        if isinstance(data, dict):
            inner = next((data[k] for k in _LIST_KEYS if isinstance(data.get(k), list)), None)
            data = inner if inner is not None else [data]
        if not isinstance(data, list):
            return [_fail(doc, "JSON holds no article records")]
        records = list(enumerate(data, 1))
    if not records:
        return [_fail(doc, "no records in JSON file")]
    out = []
    for n, rec in records:
        d = Document(doc_id=f"{doc.doc_id}#{n}", path=doc.path, encoding=doc.encoding, format=doc.format,
                     content_hash=doc.content_hash)
        if isinstance(rec, Exception):
            out.append(_fail(d, str(rec)))
            continue
        if not isinstance(rec, dict):
            out.append(_fail(d, f"record {n} is not an object"))
            continue
        body = md.first_value(rec, _BODY_KEYS)
        if not isinstance(body, str) or not body.strip():
            out.append(_fail(d, f"record {n} has no body/content/text field"))
            continue
        d.original = body
        mapped = Mapped.identity(body)
        if "<" in body or "](" in body or "**" in body:
            mapped = strip_markdown(mapped)
        try:
            out.append(_finish(d, mapped, rec, from_header=False))
        except Exception as exc:  # noqa: BLE001
            out.append(_fail(d, f"could not read record {n} ({type(exc).__name__}: {exc})"))
    return out
