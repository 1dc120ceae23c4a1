"""A compact plain-data form of a ruleset that names its own types (for the disk cache).

The project's JSON form (the cattrs converter) leaves the types to the reader: reading it back
means analysing the type hints of every model class, which is most of the start-up cost of a
command that finds its ruleset in the cache. This form writes every value with its type, so it
reads back with the standard ``json`` module in one pass (``object_hook``) and no converter:

- ``None``, booleans, whole numbers and texts as themselves;
- a model object as ``{"@": "ClassName", "field": value, ...}`` (only the model classes below
  are known; anything else is refused);
- a tuple as ``{"t": [...]}``, a mapping as ``{"m": [[key, value], ...]}`` (keys keep their
  type), a ``Fraction`` as ``{"q": [numerator, denominator]}``.

It is data only: a class is looked up by name among the model's classes and built through its
own ``__init__`` (the same checks as any other construction); no code is stored or run.
A test holds :func:`decode` (:func:`encode` (x)) equal to x, value by value and type by type,
for every installed ruleset.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from . import model, requirements
from .model import Ruleset

__all__ = ["MODEL_CLASSES", "decode", "decode_ruleset", "encode"]

MODEL_CLASSES: dict[str, type] = {
    name: cls for module in (model, requirements) for name in module.__all__ if isinstance(cls := getattr(module, name), type) and attrs.has(cls)
}

# the init argument of each field (attrs names a private field's argument without the underscore)
_ARGS: dict[type, tuple[tuple[str, str], ...]] = {
    cls: tuple((a.name, a.alias or a.name) for a in attrs.fields(cls) if a.init) for cls in MODEL_CLASSES.values()
}


def encode(value: Any) -> Any:
    """``value`` (a model object, or a value a model field holds) in the compact form."""
    if value is None or type(value) in (bool, int, str):
        return value
    if type(value) is Fraction:
        return {"q": [value.numerator, value.denominator]}
    if type(value) is tuple:
        return {"t": [encode(v) for v in value]}
    if isinstance(value, Mapping):
        return {"m": [[encode(k), encode(v)] for k, v in value.items()]}
    cls = type(value)
    if MODEL_CLASSES.get(cls.__name__) is not cls:
        raise TypeError(f"not a value of the model: {cls.__name__}")
    out: dict[str, Any] = {"@": cls.__name__}
    for name, arg in _ARGS[cls]:
        out[arg] = encode(getattr(value, name))
    return out


def _hook(obj: dict[str, Any]) -> Any:
    if "@" in obj:
        cls = MODEL_CLASSES[obj.pop("@")]
        return cls(**obj)
    ((tag, body),) = obj.items()
    return _TAGS[tag](body)


def _fraction(body: list[int]) -> Fraction:
    num, den = body
    if type(num) is not int or type(den) is not int:
        raise TypeError("a fraction is two whole numbers")
    return Fraction(num, den)


_TAGS: dict[str, Callable[[Any], Any]] = {"t": tuple, "m": dict, "q": _fraction}


def decode(text: str | bytes) -> Any:
    """The value written by :func:`encode` (as JSON text). Anything malformed raises
    ``ValueError``, ``TypeError`` or ``KeyError``."""
    return json.loads(text, object_hook=_hook, parse_float=_no_float, parse_constant=_no_float)


def _no_float(text: str) -> Any:
    raise ValueError(f"a compact form holds no floating-point number: {text[:20]}")


def decode_ruleset(text: str | bytes) -> Ruleset:
    """The ruleset written as the compact form of a ``Ruleset`` (else ``TypeError``)."""
    value = decode(text)
    if type(value) is not Ruleset:
        raise TypeError("not a ruleset")
    return value
