"""What a batch run did, counted as it streams, and its closing summary."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Summary:
    files: int = 0
    read: int = 0
    skipped: int = 0
    removed: int = 0
    n_checked: int = 0
    failed: int = 0
    chars: int = 0
    claims: Counter = field(default_factory=Counter)
    verdicts: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0
    check_seconds: float = 0.0
    totals: dict[str, int] = field(default_factory=dict)

    def stop(self) -> None:
        self.seconds = time.perf_counter() - self.started

    @property
    def n_claims(self) -> int:
        return sum(self.claims.values())

    @property
    def exit_code(self) -> int:
        """0 all good, 1 finished with some bad files, 2 nothing usable."""
        usable = self.read - self.failed + self.skipped
        if usable <= 0:
            return 2
        return 1 if self.failed else 0

    def lines(self) -> list[str]:
        out = [
            f"documents: {self.read} read, {self.skipped} skipped unchanged, {self.failed} failed"
            + (f", {self.removed} removed (gone from input)" if self.removed else "")
            + f" ({self.files} files, {self.chars / 1e6:.2f} M chars)",
            "claims: " + (", ".join(f"{k} {v}" for k, v in sorted(self.claims.items())) or "none")
            + f" (total {self.n_claims})",
        ]
        if self.verdicts:
            out.append("verdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(self.verdicts.items())))
        if self.totals:
            out.append("database: " + ", ".join(f"{k} {v}" for k, v in self.totals.items()))
        rate = self.chars / 1e6 / self.seconds if self.seconds else 0.0
        out.append(f"time: {self.seconds:.1f} s ({rate:.2f} MB/s of text"
                   + (f", checks {self.check_seconds:.1f} s" if self.check_seconds else "") + ")")
        return out

    def render(self, console=None) -> None:
        """A rich table on a terminal, plain lines otherwise."""
        from rich.console import Console
        from rich.table import Table

        console = console or Console(stderr=True)
        if not console.is_terminal:
            for line in self.lines():
                console.print(line, markup=False, highlight=False)
            return
        table = Table(title="newsclaims summary", show_header=False)
        table.add_column("what", style="bold")
        table.add_column("value")
        for line in self.lines():
            k, _, v = line.partition(": ")
            table.add_row(k, v)
        console.print(table)
