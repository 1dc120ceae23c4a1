"""The project's one cattrs converter (never the global one), and the exact texts of numbers.

Exact numbers are written as text: a ``Fraction`` becomes its exact decimal
form when it has one ("2.594") and ``"p/q"`` otherwise ("31/11"); both read
back exactly. Conditions are written in the same shape as in ruleset files.

The converter is built on first use (``converter`` is a lazy module attribute, PEP 562):
cattrs is imported then, not when this module is, so a command that reads a cached ruleset
and prints text (``spbe-rules evaluate``) starts without it. Every use of ``converter`` gets
the same object.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
import threading
from typing import TYPE_CHECKING, Any

from .._base.errors import current_lang
from .._base.messages import Msg
from .._base.numbers import exact
from .conditions import CONDITION_TYPES, from_raw, to_raw
from .model import Band, Condition, ScoreBand

if TYPE_CHECKING:
    import cattrs

    converter: cattrs.Converter

__all__ = ["Level", "converter", "exact_text", "level_text", "structure_errors", "structure_level", "to_fraction"]


def band_range_text(band: Band, highest: bool) -> str:
    """A predikat band as an interval: ``[1.8, 2.6)``; the highest band also covers its upper bound: ``[4.2, 5]``."""
    return f"[{exact_text(band.lower)}, {exact_text(band.upper)}{']' if highest else ')'}"


def exact_text(value: Fraction) -> str:
    """The exact decimal text of ``value`` when it has one, else ``"p/q"``."""
    num, den = value.numerator, value.denominator
    twos = fives = 0
    d = den
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d != 1:
        return f"{num}/{den}"
    digits = max(twos, fives)
    scaled = num * 10**digits // den
    if digits == 0:
        return str(scaled)
    sign = "-" if scaled < 0 else ""
    s = str(abs(scaled)).rjust(digits + 1, "0")
    return f"{sign}{s[:-digits]}.{s[-digits:]}"


def level_text(value: int | Fraction) -> str:
    """A level as shown: ``3``, ``2.5`` or ``7/3``."""
    if isinstance(value, int):
        return str(value)
    return str(int(value)) if value.denominator == 1 else exact_text(value)


def to_fraction(value: Any) -> Fraction:
    """An exact number (int, Decimal, Fraction or number text) as a Fraction, after the one size
    check (:func:`spbe_rules._base.numbers.exact`); a too large value raises a ``Problem``."""
    return exact(value)


def _structure_int_mapping(value: Mapping[Any, str], _: Any) -> dict[int, str]:
    return {int(k): str(v) for k, v in value.items()}


def _is_int_mapping(t: Any) -> bool:
    return bool(t == Mapping[int, str])


def structure_condition(value: Any, _: Any = None) -> Condition:
    """A condition from its file form (the walker's table, :func:`.conditions.from_raw`)."""
    return from_raw(value)


# A level is a whole number, or an exact non-integer value (the mean of sub-levels, a converted score).
Level = int | Fraction


def structure_level(value: Any, _: Any = None) -> int | Fraction:
    if isinstance(value, bool):
        raise TypeError("a boolean is not a level")
    if isinstance(value, int):
        return value
    f = to_fraction(value)
    return int(f) if f.denominator == 1 else f


def unstructure_level(value: int | Fraction) -> int | str:
    if isinstance(value, int):
        return value
    return int(value) if value.denominator == 1 else exact_text(value)


_built: list[cattrs.Converter] = []  # the one converter, once built
_building = threading.Lock()


def _build() -> cattrs.Converter:
    """The one converter (built by the first call, under a lock: two threads get the same object)."""
    if _built:
        return _built[0]
    with _building:
        if not _built:
            _built.append(_new_converter())
    return _built[0]


def _new_converter() -> cattrs.Converter:
    import cattrs  # here, not at the top: see the module's docstring (tests/test_layout.py allows it)
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

    conv = cattrs.Converter(omit_if_default=False, forbid_extra_keys=True)
    conv.register_structure_hook(Fraction, lambda v, _: to_fraction(v))
    conv.register_unstructure_hook(Fraction, exact_text)
    conv.register_unstructure_hook(Msg, lambda m: m.render(current_lang()))  # a text for people: in the current language
    conv.register_structure_hook_func(_is_int_mapping, _structure_int_mapping)
    conv.register_unstructure_hook_func(_is_int_mapping, lambda m: {str(k): v for k, v in sorted(m.items())})
    for _cls in CONDITION_TYPES:
        conv.register_unstructure_hook(_cls, to_raw)
    conv.register_structure_hook(Condition, structure_condition)
    conv.register_unstructure_hook(Condition, to_raw)
    conv.register_structure_hook(
        Condition | None,
        lambda v, _: None if v is None else structure_condition(v),
    )
    for _band in (Band, ScoreBand):
        conv.register_structure_hook(_band, make_dict_structure_fn(_band, conv, lower=override(rename="from"), upper=override(rename="to")))
        conv.register_unstructure_hook(_band, make_dict_unstructure_fn(_band, conv, lower=override(rename="from"), upper=override(rename="to")))
    conv.register_structure_hook(Level, structure_level)
    conv.register_unstructure_hook(Level, unstructure_level)
    conv.register_structure_hook(Level | None, lambda v, _: None if v is None else structure_level(v))
    conv.register_unstructure_hook(Level | None, lambda v: None if v is None else unstructure_level(v))
    return conv


def structure_errors() -> tuple[type[Exception], ...]:
    """The errors the converter raises for data that does not fit a type (besides ``ValueError``...)."""
    import cattrs  # see _build

    return (cattrs.BaseValidationError,)


def __getattr__(name: str) -> Any:
    if name == "converter":
        return _build()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
