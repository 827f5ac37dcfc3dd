"""`newsclaims docs`: read articles into the documents table (JSON Lines)."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import typer

from extractor.cli.app import app

_HELP = """Read article files (txt, md, html, json, jsonl; any encoding) into the documents table.

One JSON line per document (one per record for .json/.jsonl), in sorted path order. A bad
file gets a row with `error` set and one warning line on stderr; the batch goes on.

Exit codes: 0 all files read; 1 finished, some files bad; 2 nothing usable or usage error.

Example: newsclaims docs corpora/samples -o out/documents.jsonl --exclude '*.json'
"""


class _StderrHandler(logging.Handler):
    """One line per bad file on whatever ``sys.stderr`` is now (works under capture too)."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"newsclaims: warning: {record.getMessage()}", file=sys.stderr)


@app.command("docs", help=_HELP)
def docs(
    paths: list[Path] = typer.Argument(..., help="Files or folders to read (folders recursively)."),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the JSON Lines table."),
    include: list[str] = typer.Option(None, "--include", help="Only read files matching this glob (repeatable)."),
    exclude: list[str] = typer.Option(None, "--exclude", help="Skip files matching this glob (repeatable)."),
    max_file_mb: float = typer.Option(20.0, "--max-file-mb", help="Files larger than this are reported, not read."),
) -> None:
    from extractor.documents.reader import iter_documents

    log = logging.getLogger("newsclaims")
    if not any(isinstance(h, _StderrHandler) for h in log.handlers):
        log.addHandler(_StderrHandler())
    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        print(f"newsclaims: error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        sys.exit(2)  # SystemExit: the exit code survives standalone_mode=False
    n = bad = 0
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="\n") as fh:
        for doc in iter_documents([str(p) for p in paths], include=include or None,
                                  exclude=exclude or None, max_bytes=int(max_file_mb * 1024 * 1024)):
            fh.write(json.dumps(doc.to_row(), ensure_ascii=False, sort_keys=False) + "\n")
            n += 1
            bad += 0 if doc.ok else 1
    print(f"newsclaims: {n} documents, {bad} unreadable -> {output}", file=sys.stderr)
    if n == 0 or bad == n:
        sys.exit(2)  # SystemExit: the exit code survives standalone_mode=False
    if bad:
        sys.exit(1)
