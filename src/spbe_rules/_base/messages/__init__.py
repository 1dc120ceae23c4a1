"""The one message catalogue: every text a person sees, in Bahasa Indonesia and English.

Each entry maps a stable key to a pair of templates ``(Bahasa Indonesia, English)`` with
the same named placeholders (``{aspect}``, ``{total}``). Problem codes are keys (the
message of a problem with code ``WEIGHT_SUM`` is ``WEIGHT_SUM``; its hint, when it has
one, ``WEIGHT_SUM.hint``); a code with several wordings adds a variant after a dot
(``DUPLICATE_ID.band``, ``DUPLICATE_ID.band.hint``). Other texts have lower-case keys
grouped by where they are shown (``cli.*``, ``show.*``, ``validate.*``, ``test.*``...).

A :class:`Msg` is a key with its parameters; it renders in either language, so a
problem keeps its code and parameters and can be shown in the language the reader
asks for. Parameters may themselves be :class:`Msg` (rendered in the same language)
or lists (joined with commas). The Indonesian words follow the glossary (https://spbe-rules.github.io/spbe-rules/glosarium/).

The entries are written in part modules by layer (``common``, ``loading``, ``cli``...: each a
dict ``ENTRIES``), joined here into the one :data:`CATALOGUE`; a key written in two parts is
an error at import. How to add a message: add ``"KEY": ("teks Indonesia {x}", "English text {x}")``
to the part of the layer that shows it (a new part: a module here, listed in ``_PARTS``), then use ``Msg("KEY", x=...)`` (or, for a problem,
``Problem.of("KEY", location, x=...)``). ``tests/test_messages.py`` checks that both
languages have the same placeholders, that every code raised anywhere is in the
catalogue and that the Indonesian texts keep to the glossary.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Final, Literal

from . import (
    analysis,
    batch,
    changes,
    cli,
    common,
    engine,
    evidence,
    limits,
    loading,
    paths,
    report,
    values,
    views,
)

__all__ = ["CATALOGUE", "LANGS", "Lang", "Msg", "Seq", "lang_or_none", "placeholders", "render"]

Lang = Literal["id", "en"]
LANGS: Final[tuple[Lang, ...]] = ("id", "en")


def lang_or_none(value: str | None) -> Lang | None:
    """``value`` as a language code (``id``/``en``, any case, spaces ignored), or None when it is not one."""
    if value is None:
        return None
    v = value.strip().lower()
    if v == "id":
        return "id"
    if v == "en":
        return "en"
    return None


class Msg:
    """A catalogue key and its parameters: a text that can be shown in either language.

    ``Msg("WEIGHT_SUM", aspect="A2", total="10.5", weight="10").render("en")``.
    An unknown key is a programming error (``KeyError`` when the message is made).
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        if key not in CATALOGUE:
            raise KeyError(f"message {key!r} is not in the catalogue (spbe_rules._base.messages)")
        self.key = key
        self.params: Mapping[str, object] = params

    def render(self, lang: Lang) -> str:
        return render(self.key, lang, self.params)

    @property
    def id(self) -> str:
        """The text in Bahasa Indonesia."""
        return self.render("id")

    @property
    def en(self) -> str:
        """The text in English."""
        return self.render("en")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Msg):
            return NotImplemented
        return self.key == other.key and dict(self.params) == dict(other.params)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return f"Msg({self.key!r}{args})"


class Seq:
    """Parameter values shown one after another with ``sep`` between them (a list or tuple
    parameter is shown with ``", "``); each may be a :class:`Msg`."""

    __slots__ = ("items", "sep")

    def __init__(self, items: list[object] | tuple[object, ...], sep: str) -> None:
        self.items = tuple(items)
        self.sep = sep

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Seq) and (self.items, self.sep) == (other.items, other.sep)

    def __hash__(self) -> int:
        return hash((self.items, self.sep))

    def __repr__(self) -> str:
        return f"Seq({list(self.items)!r}, {self.sep!r})"


def _value(value: object, lang: Lang) -> object:
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, Seq):
        return value.sep.join(str(_value(v, lang)) for v in value.items)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_value(v, lang)) for v in value)
    return value


def render(key: str, lang: Lang, params: Mapping[str, object]) -> str:
    """The template ``key`` in ``lang`` with ``params`` filled in."""
    template = CATALOGUE[key][0 if lang == "id" else 1]
    return template.format_map({k: _value(v, lang) for k, v in params.items()})


def placeholders(template: str) -> set[str]:
    """The names of the placeholders of a template (``{name}``)."""
    return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def _join(*parts: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for part in parts:
        twice = out.keys() & part.keys()
        if twice:
            raise KeyError(f"message keys written twice in the catalogue: {sorted(twice)}")
        out.update(part)
    return out


_PARTS = (
    common.ENTRIES,
    loading.ENTRIES,
    values.ENTRIES,
    evidence.ENTRIES,
    analysis.ENTRIES,
    cli.ENTRIES,
    views.ENTRIES,
    limits.ENTRIES,
    batch.ENTRIES,
    report.ENTRIES,
    changes.ENTRIES,
    engine.ENTRIES,
    paths.ENTRIES,
)
# key -> (Bahasa Indonesia, English), every part joined
CATALOGUE: Final[dict[str, tuple[str, str]]] = _join(*_PARTS)
