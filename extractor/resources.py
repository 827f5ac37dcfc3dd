"""Find and load the language resources under ``models/``.

The data ships inside the wheel as ``extractor/models``; in a source checkout it is the
top-level ``models/`` folder. Everything language-specific is read through here, cached.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

_PKG = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def models_dir() -> Path:
    """The folder holding catalogs, language data and pipeline configs."""
    for candidate in (_PKG / "models", _PKG.parent / "models"):
        if (candidate / "catalog").is_dir():
            return candidate
    raise FileNotFoundError("newsclaims language resources (models/) not found; reinstall the package")


@cache
def load_yaml(relpath: str) -> Any:
    """Parse one YAML resource, e.g. ``load_yaml("catalog/indices.yaml")``."""
    path = models_dir() / relpath
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def lang_data(lang: str, name: str) -> Any:
    """Language data file ``models/lang/<lang>/<name>.yaml`` (``None`` when absent)."""
    path = models_dir() / "lang" / lang / f"{name}.yaml"
    if not path.exists():
        return None
    return load_yaml(f"lang/{lang}/{name}.yaml")
