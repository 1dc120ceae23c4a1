"""Small text helpers shared by messages and reports."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from .messages import Msg

__all__ = ["closest", "did_you_mean", "number_ranges", "printable"]


def closest(value: object, options: Iterable[object], *, cutoff: float = 0.6) -> str | None:
    """The option most like ``value`` (difflib's similarity ratio at least ``cutoff``), or None.

    The one rule behind every "did you mean" of the library (unknown keys, ids, columns,
    commands); the only module that imports :mod:`difflib`."""
    got = difflib.get_close_matches(str(value), [str(o) for o in options], n=1, cutoff=cutoff)
    return got[0] if got else None


def did_you_mean(value: object, options: Iterable[object], *, cutoff: float = 0.5, shown: int = 12, otherwise: Msg | None = None) -> Msg:
    """A hint for a name that is not one of ``options``: the closest option ("did you mean `x`?"),
    else ``otherwise`` when given, else the first ``shown`` options, else that none is declared."""
    opts = [str(o) for o in options]
    guess = closest(value, opts, cutoff=cutoff)
    if guess is not None:
        return Msg("did_you_mean", guess=guess)
    if otherwise is not None:
        return otherwise
    if not opts:
        return Msg("none_declared")
    return Msg("known", options=", ".join(opts[:shown]) + (", ..." if len(opts) > shown else ""))


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


# C0 and C1 control characters (not newline or tab), DEL, and the bidirectional overrides that
# can make a name look like something else in a terminal
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters written as escapes (``\\x1b`` -> ``\\u001b``), so a name
    read from a file cannot move the cursor, clear the screen or reorder a line in a terminal.
    Newlines and tabs stay; the result is also valid inside a JSON string."""
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
