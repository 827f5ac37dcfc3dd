"""Folder manifests: a ``MANIFEST.tsv`` (or ``.csv``) listing files with their publication date,
outlet and URL, as news datasets and scrapers often ship beside the articles.

A manifest describes the files below its own folder (paths relative to it); it is looked for in
the file's folder and a few above it, whatever folder the run was given. Its values fill what
a file does not say itself: the file's own metadata wins, and a manifest date replaces only a
date the reader had to infer from the text. Multi-record files (JSON lists) take one value per
record when the manifest lists them comma-separated, else the single value for all.
"""

from __future__ import annotations

import csv
import logging
from functools import lru_cache
from pathlib import Path

log = logging.getLogger("newsclaims")

MAX_LEVELS = 4  # folders searched: the file's own and three above it
NAMES = ("MANIFEST.tsv", "manifest.tsv", "MANIFEST.csv", "manifest.csv")
PATH_KEYS = ("file", "path", "filename", "name")
FIELDS = {
    "published": ("published", "published_date", "published_at", "date", "pubdate"),
    "outlet": ("outlet", "source", "publisher", "site"),
    "url": ("url", "link"),
}


@lru_cache(maxsize=256)
def _load(folder: str) -> dict[str, dict[str, str]] | None:
    """``relative path -> {field: value}`` of the manifest in ``folder``, or None without one."""
    for name in NAMES:
        path = Path(folder) / name
        if not path.is_file():
            continue
        try:
            with open(path, encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.DictReader(fh, delimiter="\t" if name.endswith(".tsv") else ","))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            log.warning("%s: manifest ignored (%s)", path, exc)
            return None
        out: dict[str, dict[str, str]] = {}
        for row in rows:
            low = {str(k).strip().lower(): (v or "").strip() for k, v in row.items() if k}
            rel = next((low[k] for k in PATH_KEYS if low.get(k)), None)
            if rel:
                out[Path(rel).as_posix()] = {f: next((low[k] for k in keys if low.get(k)), "")
                                             for f, keys in FIELDS.items()}
        return out
    return None


def lookup(path: str, levels: int = MAX_LEVELS) -> dict[str, str] | None:
    """The manifest entry of ``path``, from its own folder upwards (a manifest lists paths relative
    to itself, so one beside ``dev/`` describes ``dev/en/…`` even when ``dev/en`` is the input)."""
    p = Path(path).resolve()
    folder = p.parent
    for _ in range(levels):
        entries = _load(str(folder))
        if entries is not None:
            hit = entries.get(p.relative_to(folder).as_posix())
            if hit is not None:
                return hit
        if folder.parent == folder:
            return None
        folder = folder.parent
    return None


def values_for(entry: dict[str, str], field: str, index: int, count: int) -> str | None:
    """The value of ``field`` for record ``index`` of ``count`` records in the file."""
    raw = entry.get(field) or ""
    if not raw:
        return None
    parts = [v.strip() for v in raw.split(",")] if count > 1 else [raw]
    if len(parts) == count:
        return parts[index] or None
    return raw if len(parts) == 1 else None
