"""Exceptions raised by spbe-rules.

One root, :class:`SpbeError`. Problems found in input (rulesets, assessments,
case files, CLI arguments) are :class:`Problem` objects, each naming its place
(``file:line:col`` and a JSON path), what is wrong and how to fix it. All the
problems of one input are raised together as one :class:`ValidationError`, an
``ExceptionGroup`` that is also a ``ValueError``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "AssessmentError",
    "EvaluationError",
    "Location",
    "Problem",
    "RulesetError",
    "RulesetNotFoundError",
    "SpbeError",
    "ValidationError",
]


class SpbeError(Exception):
    """Root of every exception raised on purpose by spbe-rules."""


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
            return f"{parts[0]} at {self.json_path}"
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
        return {"file": self.file, "line": self.line, "col": self.col, "json_path": self.json_path}


class Problem(SpbeError, ValueError):
    """One thing wrong with an input.

    ``code`` is a stable upper-case name (``WEIGHT_SUM``, ``UNKNOWN_KEY``...),
    ``message`` says what is wrong, ``hint`` how to fix it.
    """

    def __init__(self, code: str, message: str, location: Location | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.location = location if location is not None else Location()
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.location}: [{self.code}] {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def __repr__(self) -> str:
        return f"Problem({self.code!r}, {self.message!r}, {self.location!r}, hint={self.hint!r})"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "hint": self.hint, **self.location.to_dict()}


def _sort_key(p: Problem) -> tuple[str, int, int, str]:
    loc = p.location
    return (loc.file or "", loc.line or 0, loc.col or 0, p.code)


class ValidationError(SpbeError, ExceptionGroup[Problem], ValueError):
    """All the problems found in one input, raised at once.

    ``problems`` lists them sorted by place; ``str()`` shows one per line.
    """

    def __new__(cls, message: str, problems: Sequence[Problem]) -> ValidationError:
        ordered = sorted(problems, key=_sort_key)
        return super().__new__(cls, message, ordered)

    def __init__(self, message: str, problems: Sequence[Problem]) -> None:
        super().__init__(message, sorted(problems, key=_sort_key))

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.exceptions if isinstance(p, Problem))

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]

    def derive(self, excs: Sequence[Problem]) -> ValidationError:  # type: ignore[override]
        return type(self)(self.message, list(excs))

    def __str__(self) -> str:
        n = len(self.exceptions)
        head = f"{self.message} ({n} problem{'s' if n != 1 else ''})"
        return "\n".join([head, *(str(p) for p in self.exceptions)])


class RulesetError(ValidationError):
    """A ruleset file (or a ruleset it extends) is not valid."""


class AssessmentError(ValidationError):
    """An assessment is not valid for the ruleset it is evaluated under."""


class EvaluationError(ValidationError):
    """An assessment could not be evaluated (for example a rule needs a fact the assessment does not give)."""


class RulesetNotFoundError(SpbeError, LookupError):
    """No installed ruleset has the id asked for, or no ruleset (or more than one) is in force for a year."""

    def __init__(self, message: str, available: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.available = tuple(available)

    def __str__(self) -> str:
        if self.available:
            return f"{self.message} (installed: {', '.join(self.available)})"
        return self.message
