"""The one size check for every number the library turns into an exact value.

An exact conversion (``int(text)``, ``Decimal`` arithmetic, ``Fraction(value)``) of a number
such as ``1e999999999`` builds a billion digits and never ends; an integer of more than 4,300
digits ends in a ``ValueError``. Every number read from a file, a table cell, a command-line
option or data built in code goes through :func:`number_problem` (or :func:`exact`, which
uses it) *before* it is converted, so such a value is a typed problem in microseconds.

No field of the library means a number near these bounds: levels are 0..5, weights at most
100, years four digits, costs and budgets well below 10**30.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from .errors import Location, Problem
from .messages import Msg

__all__ = ["MAX_DIGITS", "MAX_EXPONENT", "MAX_TEXT", "check_in_range", "exact", "number_problem", "problem_of", "text_problem"]

MAX_DIGITS = 40  # significant digits of one number
MAX_EXPONENT = 30  # |x| < 10**30, and no digit finer than 10**-30
MAX_TEXT = 120  # characters of a number written as text (digits, sign, point, exponent, "/")
_MAX_BITS = 133  # 2**133 > 10**40

TOO_LARGE = "NUMBER_TOO_LARGE"
NOT_FINITE = "BAD_NUMBER"


def number_problem(value: object) -> tuple[str, Msg] | None:
    """``(code, why)`` when ``value`` (int, Decimal, Fraction or number text) is not a number
    of a size the library reads, else ``None``. Never converts anything large."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (TOO_LARGE, Msg("NUMBER_TOO_LARGE.whole", limit=MAX_DIGITS)) if value.bit_length() > _MAX_BITS else None
    if isinstance(value, Fraction):
        if value.numerator.bit_length() > _MAX_BITS or value.denominator.bit_length() > _MAX_BITS:
            return TOO_LARGE, Msg("NUMBER_TOO_LARGE.fraction", limit=MAX_DIGITS)
        return None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return NOT_FINITE, Msg("BAD_NUMBER.infinite", value=repr(value))
        return None
    if isinstance(value, Decimal):
        if not value.is_finite():
            return NOT_FINITE, Msg("BAD_NUMBER.infinite", value=str(value))
        if value.is_zero():
            return None
        t = value.as_tuple()
        assert isinstance(t.exponent, int)
        digits = len(t.digits)
        if digits > MAX_DIGITS:
            return TOO_LARGE, Msg("NUMBER_TOO_LARGE.digits", digits=digits, limit=MAX_DIGITS)
        top = value.adjusted()
        if top >= MAX_EXPONENT or t.exponent < -MAX_EXPONENT:
            return TOO_LARGE, Msg("NUMBER_TOO_LARGE.order", order=top if top >= MAX_EXPONENT else t.exponent)
        return None
    if isinstance(value, str):
        return text_problem(value)
    return None


def text_problem(text: str) -> tuple[str, Msg] | None:
    """The problem of a number written as text (decimal ``2.75``, ``1e3`` or fraction ``31/11``),
    or ``None`` when it is fine or not a number at all (other checks say what it should be)."""
    s = text.strip().replace("_", "")
    if len(s) > MAX_TEXT:
        if s[:1] in "+-0123456789." and all(c in "0123456789+-.eE/," for c in s[:MAX_TEXT]):
            return TOO_LARGE, Msg("NUMBER_TOO_LARGE.text", length=len(s), limit=MAX_TEXT)
        return None
    for part in s.split("/", 1):
        try:
            d = Decimal(part.replace(",", "."))
        except InvalidOperation:
            return None
        got = number_problem(d)
        if got is not None:
            return got
    return None


def problem_of(got: tuple[str, Msg], where: Location | None = None, what: str | Msg | None = None) -> Problem:
    """The :class:`Problem` of a :func:`number_problem` finding, placed at ``where``."""
    code, why = got
    msg = why if what is None else Msg("NUMBER_TOO_LARGE.field", what=what, why=why)
    return Problem(code, msg, where, Msg("NUMBER_TOO_LARGE.hint") if code == TOO_LARGE else Msg("BAD_NUMBER.infinite.hint"))


def exact(value: object, where: Location | None = None, what: str | None = None) -> Fraction:
    """``value`` (int, Decimal, Fraction or number text; never float or bool) as a ``Fraction``,
    after the size check. Raises :class:`Problem` (``NUMBER_TOO_LARGE``, ``BAD_NUMBER``, ``TYPE``,
    ``NOT_A_NUMBER``) placed at ``where``."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, Fraction, str)):
        raise Problem.of("TYPE.exact", where, value=repr(value)[:60])
    got = number_problem(value)
    if got is not None:
        raise problem_of(got, where, what)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (int, Decimal)):
        return Fraction(value)
    try:
        return Fraction(value.strip().replace("_", ""))
    except (ValueError, ZeroDivisionError):
        raise Problem.of("NOT_A_NUMBER.exact", where, value=repr(value)[:60]) from None


def check_in_range(value: Fraction, low: int | Fraction, high: int | Fraction, where: Location | None, what: str) -> None:
    """Raise ``OUT_OF_RANGE`` (a :class:`Problem`, naming the allowed range) unless ``low <= value <= high``.

    The one check for numbers that must lie on a scale (a target index, a level), next to the
    size checks above."""
    if not low <= value <= high:
        shown = str(value) if value.denominator == 1 else str(Decimal(value.numerator) / Decimal(value.denominator))
        raise Problem.of("OUT_OF_RANGE", where, what=what, value=shown, bound=f"{low}..{high}")


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)`` for a message, short and safe: an integer too long to print (Python refuses
    more than 4,300 digits) is described by its size instead."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _MAX_BITS:
        return f"<{'-' if value < 0 else ''}~10^{int(value.bit_length() * 0.30103)}>"
    try:
        text = repr(value)
    except ValueError:
        return f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[:limit] + "..."
