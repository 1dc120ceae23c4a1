"""Exceptions raised by spbe-rules.

One root, :class:`SpbeError`. Problems found in input (rulesets, assessments,
case files, CLI arguments) are :class:`Problem` objects, each naming its place
(``file:line:col`` and a JSON path), what is wrong and how to fix it. All the
problems of one input are raised together as one :class:`ValidationError`, an
``ExceptionGroup`` that is also a ``ValueError``.

Language: every text is kept as a catalogue message (:class:`~spbe_rules._base.messages.Msg`:
a key and its parameters) and rendered when it is shown. ``str()`` of an error uses the
current language: the one set with :func:`use_lang` (a context manager), else the
environment variable ``SPBE_RULES_LANG`` (``id`` or ``en``), else Bahasa Indonesia.
``problem.message_in("en")`` and ``problem.hint_in("en")`` give one language explicitly;
``problem.code`` and ``problem.params`` stay the same in every language.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from .messages import CATALOGUE, Lang, Msg, lang_or_none

__all__ = [
    "ENV_LANG",
    "AssessmentError",
    "LanguageError",
    "EvaluationError",
    "Location",
    "Problem",
    "RulesetError",
    "RulesetNotFoundError",
    "SpbeError",
    "ValidationError",
    "current_lang",
    "text_in",
    "tr",
    "use_lang",
]

ENV_LANG = "SPBE_RULES_LANG"
_LANG: ContextVar[Lang | None] = ContextVar("spbe_rules_lang", default=None)


class SpbeError(Exception):
    """Root of every exception raised on purpose by spbe-rules.

    Raised with one :class:`Msg` argument, it shows that message in the current language.
    """

    def __str__(self) -> str:
        if len(self.args) == 1 and isinstance(self.args[0], Msg):
            return self.args[0].render(current_lang())
        return super().__str__()


class LanguageError(SpbeError, ValueError):
    """A language other than ``id`` or ``en`` was asked for (option ``--lang`` or ``SPBE_RULES_LANG``).

    Shown in both languages, since the reader's language is what went wrong.
    """

    def __str__(self) -> str:
        msg = self.args[0]
        return f"{msg.render('id')} / {msg.render('en')}" if isinstance(msg, Msg) else super().__str__()


def _checked(value: str, source: str) -> Lang:
    lang = lang_or_none(value)
    if lang is None:
        raise LanguageError(Msg("lang.unknown", value=value, source=source))
    return lang


def current_lang() -> Lang:
    """The language texts are shown in: :func:`use_lang`, else ``SPBE_RULES_LANG``, else ``id``.

    An unknown value of ``SPBE_RULES_LANG`` raises :class:`LanguageError`.
    """
    chosen = _LANG.get()
    if chosen is not None:
        return chosen
    raw = os.environ.get(ENV_LANG, "")
    if not raw.strip():
        return "id"
    return _checked(raw, ENV_LANG)


@contextmanager
def use_lang(lang: str, source: str = "use_lang") -> Iterator[Lang]:
    """Show every text in ``lang`` (``id`` or ``en``) inside the ``with`` block."""
    token = _LANG.set(_checked(lang, source))
    try:
        yield _LANG.get() or "id"
    finally:
        _LANG.reset(token)


def tr(key: str, /, **params: object) -> str:
    """The catalogue entry ``key`` with ``params``, in the current language."""
    return Msg(key, **params).render(current_lang())


def text_in(text: Msg | str, lang: Lang | None = None) -> str:
    """``text`` in ``lang`` (default: the current language); plain text is returned as it is."""
    if isinstance(text, Msg):
        return text.render(lang or current_lang())
    return text


class Location:
    """Where a problem is: a file (or other source name), a 1-based line and column, a JSON path."""

    __slots__ = ("file", "line", "col", "json_path")

    def __init__(
        self,
        file: str | None = None,
        line: int | None = None,
        col: int | None = None,
        json_path: str = "$",
    ) -> None:
        self.file = file
        self.line = line
        self.col = col
        self.json_path = json_path

    def __str__(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        elif self.json_path != "$":  # data built in code has no lines: name the place by its path
            return Msg("location.at", file=parts[0], path=self.json_path).render(current_lang())
        return ":".join(parts)

    def __repr__(self) -> str:
        return f"Location({self.file!r}, {self.line!r}, {self.col!r}, {self.json_path!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Location):
            return NotImplemented
        return (self.file, self.line, self.col, self.json_path) == (
            other.file,
            other.line,
            other.col,
            other.json_path,
        )

    def __hash__(self) -> int:
        return hash((self.file, self.line, self.col, self.json_path))

    def to_dict(self) -> dict[str, Any]:
        """The place as JSON-ready data (``file``, ``line``, ``col``, ``json_path``)."""
        return {"file": self.file, "line": self.line, "col": self.col, "json_path": self.json_path}


class Problem(SpbeError, ValueError):
    """One thing wrong with an input.

    ``code`` is a stable upper-case name (``WEIGHT_SUM``, ``UNKNOWN_KEY``...), the same in
    every language; ``message`` says what is wrong and ``hint`` how to fix it, in the current
    language (see the module text); ``message_in(lang)``/``hint_in(lang)`` in a chosen one;
    ``params`` are the values the message names. Build one with :meth:`Problem.of`.
    """

    def __init__(self, code: str, message: Msg | str, location: Location | None = None, hint: Msg | str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.msg = message
        self.location = location if location is not None else Location()
        self.hint_msg = hint

    @classmethod
    def of(cls, key: str, location: Location | None = None, /, *, hint: Msg | None = None, **params: object) -> Problem:
        """The problem whose message is the catalogue entry ``key`` (its code is ``key`` up to the
        first dot) and whose hint is ``hint``, else the entry ``key.hint`` when there is one."""
        hint_key = f"{key}.hint"
        if hint is None and hint_key in CATALOGUE:
            hint = Msg(hint_key, **params)
        return cls(key.split(".")[0], Msg(key, **params), location, hint)

    @property
    def params(self) -> Mapping[str, object]:
        """The values the message is written with (empty for a plain text message)."""
        return self.msg.params if isinstance(self.msg, Msg) else {}

    @property
    def message(self) -> str:
        """What is wrong, in the current language."""
        return text_in(self.msg)

    @property
    def hint(self) -> str | None:
        """How to fix it, in the current language (None if there is no hint)."""
        return None if self.hint_msg is None else text_in(self.hint_msg)

    def message_in(self, lang: Lang) -> str:
        """What is wrong, in ``lang`` (``id`` or ``en``)."""
        return text_in(self.msg, lang)

    def hint_in(self, lang: Lang) -> str | None:
        """How to fix it, in ``lang`` (``id`` or ``en``), or None."""
        return None if self.hint_msg is None else text_in(self.hint_msg, lang)

    def at(self, location: Location) -> Problem:
        """The same problem at another place."""
        return Problem(self.code, self.msg, location, self.hint_msg)

    def __str__(self) -> str:
        text = f"{self.location}: [{self.code}] {self.message}"
        hint = self.hint
        if hint:
            text += f" ({hint})"
        return text

    def __repr__(self) -> str:
        return f"Problem({self.code!r}, {self.msg!r}, {self.location!r}, hint={self.hint_msg!r})"

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """``code``, ``message``, ``hint`` (in ``lang``, default the current language) and the place."""
        lang = lang or current_lang()
        return {"code": self.code, "message": self.message_in(lang), "hint": self.hint_in(lang), **self.location.to_dict()}


def _sort_key(p: Problem) -> tuple[str, int, int, str]:
    loc = p.location
    return (loc.file or "", loc.line or 0, loc.col or 0, p.code)


class ValidationError(SpbeError, ExceptionGroup[Problem], ValueError):
    """All the problems found in one input, raised at once.

    ``problems`` lists them sorted by place; ``str()`` shows one per line. ``head`` is the
    heading (a catalogue message); ``message`` is its English text, as ``ExceptionGroup`` needs.
    """

    head: Msg | str

    def __new__(cls, message: Msg | str, problems: Sequence[Problem]) -> ValidationError:
        ordered = sorted(problems, key=_sort_key)
        self = super().__new__(cls, text_in(message, "en"), ordered)
        self.head = message
        return self

    def __init__(self, message: Msg | str, problems: Sequence[Problem]) -> None:
        super().__init__(text_in(message, "en"), sorted(problems, key=_sort_key))
        self.head = message

    @property
    def problems(self) -> tuple[Problem, ...]:
        """The problems, in the order they were found."""
        return tuple(p for p in self.exceptions if isinstance(p, Problem))

    @property
    def codes(self) -> list[str]:
        """The code of each problem, in order."""
        return [p.code for p in self.problems]

    def derive(self, excs: Sequence[Problem]) -> ValidationError:  # type: ignore[override]
        """A group of the same class and message with other problems (used by ``split`` and ``subgroup``)."""
        return type(self)(self.head, list(excs))

    @property
    def heading(self) -> str:
        """The first line of ``str()``: the heading and the number of problems."""
        n = len(self.exceptions)
        count = Msg("problems" if n == 1 else "problems.many", n=n)
        return f"{text_in(self.head)} ({text_in(count)})"

    def __str__(self) -> str:
        return "\n".join([self.heading, *(str(p) for p in self.exceptions)])


class RulesetError(ValidationError):
    """A ruleset file (or a ruleset it extends) is not valid."""


class AssessmentError(ValidationError):
    """An assessment is not valid for the ruleset it is evaluated under."""


class EvaluationError(ValidationError):
    """An assessment could not be evaluated (for example a rule needs a fact the assessment does not give)."""


class RulesetNotFoundError(SpbeError, LookupError):
    """No installed ruleset has the id asked for, or no ruleset (or more than one) is in force for a year."""

    def __init__(self, message: Msg | str, available: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.msg = message
        self.available = tuple(available)

    @property
    def message(self) -> str:
        """What was not found, in the current language."""
        return text_in(self.msg)

    def __str__(self) -> str:
        if self.available:
            return f"{self.message} ({text_in(Msg('installed', ids=', '.join(self.available)))})"
        return self.message
