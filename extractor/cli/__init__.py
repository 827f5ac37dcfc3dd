"""Command-line interface: ``newsclaims`` (also ``python -m extractor``).

Each subcommand lives in its own module and registers itself on :data:`app`.
Errors print as one readable line (exit 2) unless ``--debug`` is given.
"""

from __future__ import annotations

import sys

from extractor.cli import check, docs, extract, prices, report, run  # noqa: F401  (register commands)
from extractor.cli.app import app, state


class UserError(Exception):
    """A problem the user can fix (bad path, bad option); printed without traceback."""


def main(argv: list[str] | None = None) -> int:
    try:
        rc = app(args=argv, standalone_mode=False)
    except SystemExit as exc:  # typer/click exit paths
        return int(exc.code or 0)
    except KeyboardInterrupt:
        print("newsclaims: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place errors become one line
        import click

        if isinstance(exc, click.exceptions.Exit):
            return exc.exit_code
        if isinstance(exc, click.ClickException):
            exc.show()
            return exc.exit_code
        if isinstance(exc, click.exceptions.Abort):
            print("newsclaims: aborted", file=sys.stderr)
            return 1
        if state["debug"]:
            raise
        print(f"newsclaims: error: {exc}", file=sys.stderr)
        return 2
    return rc if isinstance(rc, int) else 0
