"""The Typer application every subcommand module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="newsclaims",
    help=(
        "Turn market news into checked facts.\n\n"
        "Example: newsclaims run corpora/samples --prices corpora/prices -o out/"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

state = {"debug": False}


@app.callback()
def _main(
    debug: bool = typer.Option(False, "--debug", help="Show full tracebacks on errors."),
) -> None:
    state["debug"] = debug
