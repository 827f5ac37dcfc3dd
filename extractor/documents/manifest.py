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
PATH_KEYS = ("file", "path", "filename", "name")  # the other columns are read like front matter


@lru_cache(maxsize=256)
def _load(folder: str) -> dict[str, dict[str, str]] | None:
    """``relative path -> row`` (lower-cased column names) of the manifest in ``folder``, or None."""
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
                out[Path(rel).as_posix()] = low
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


def record_meta(entry: dict[str, str], index: int, count: int) -> dict[str, str]:
    """The row as metadata of record ``index`` of ``count`` in the file: a comma-separated value
    with one part per record gives that record's part."""
    out = {}
    for key, raw in entry.items():
        parts = [v.strip() for v in raw.split(",")] if count > 1 else [raw]
        if len(parts) == count:
            out[key] = parts[index]
        elif len(parts) == 1:
            out[key] = raw
    return out
