"""Where ``../shared`` (the dev articles, gold files and price series) sits beside this checkout."""

from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
