"""The number grammar: one parser for Chinese and English numbers, percents and money."""

from extractor.numbers.parser import find_quantities, parse_number
from extractor.numbers.quantity import BP, MONEY, PERCENT, PERCENTILE, POINTS, PP, Quantity

__all__ = ["find_quantities", "parse_number", "Quantity", "PERCENT", "PP", "BP", "PERCENTILE", "POINTS", "MONEY"]
