"""What the number grammar finds: a typed quantity with its span."""

from __future__ import annotations

from dataclasses import dataclass

# unit values
PERCENT = "%"
PP = "pp"  # percentage points
BP = "bp"  # basis points
PERCENTILE = "percentile"
POINTS = "pt"  # index points (点 / points)
MONEY = "money"  # see ``currency``


@dataclass(frozen=True)
class Quantity:
    """One number mention, parsed once for both languages.

    ``value`` is the single value, already scaled (2万亿美元 → 2e12; 1.35% → 1.35;
    16个基点 → 16). A range sets ``low``/``high`` and leaves ``value`` ``None``.
    ``unit`` is one of the constants above or ``None`` for a bare number; money sets
    ``unit == MONEY`` and ``currency`` to an ISO 4217 code. ``sign`` is +1/-1 when the
    text writes it (+1.83%, −170), else 0. ``approx``/``bound`` come from qualifiers
    (约, about → approx; 超过, more than → "at_least"; 不到, less than → "at_most").
    """

    start: int
    end: int
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    currency: str | None = None
    sign: int = 0
    approx: bool = False
    bound: str | None = None

    @property
    def is_range(self) -> bool:
        return self.value is None and self.low is not None and self.high is not None
