"""Small text helpers shared by messages and reports."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["number_ranges"]


def number_ranges(numbers: Iterable[int], *, empty: str = "", pairs_as_list: bool = False) -> str:
    """Indicator numbers as short ranges: ``21-23, 25``. With ``pairs_as_list`` two neighbours
    are listed (``21, 22``) rather than joined as a range."""
    ns = sorted(numbers)
    if not ns:
        return empty
    parts: list[str] = []
    start = prev = ns[0]
    for n in [*ns[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        if start == prev:
            parts.append(str(start))
        elif pairs_as_list and prev == start + 1:
            parts.append(f"{start}, {prev}")
        else:
            parts.append(f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)
