"""What the ruleset checks share: the context that collects problems, and the documents a raw condition names."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._base.errors import Problem
from .._base.messages import Msg
from .._model.conditions import walk_raw
from .source import locate


class _Ctx:
    def __init__(self, data: Any, name: str) -> None:
        self.data = data
        self.name = name
        self.problems: list[Problem] = []

    def add(self, code: str, message: str | Msg, path: Iterable[str | int], hint: str | Msg | None = None) -> None:
        self.problems.append(Problem(code, message, locate(self.data, list(path), self.name), hint))

    def problem(self, key: str, path: Iterable[str | int], /, *, hint: Msg | None = None, **params: object) -> None:
        """The catalogue problem ``key`` (see ``Problem.of``) at ``path``."""
        self.problems.append(Problem.of(key, locate(self.data, list(path), self.name), hint=hint, **params))


def _doc_refs(cond: Any) -> list[str]:
    """Documents a condition in file form names directly (not through their implied_by)."""
    return [node["document"] for _, node in walk_raw(cond) if "document" in node]
