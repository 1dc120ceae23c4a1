"""What the ruleset checks share: the context that collects problems, and the documents a raw condition names."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._base.errors import Problem
from .source import locate


class _Ctx:
    def __init__(self, data: Any, name: str) -> None:
        self.data = data
        self.name = name
        self.problems: list[Problem] = []

    def add(self, code: str, message: str, path: Iterable[str | int], hint: str | None = None) -> None:
        self.problems.append(Problem(code, message, locate(self.data, list(path), self.name), hint))


def _doc_refs(cond: Any) -> list[str]:
    """Documents a condition names directly (not through their implied_by)."""
    if not isinstance(cond, dict):
        return []
    if "document" in cond:
        return [cond["document"]]
    if "not" in cond:
        return _doc_refs(cond["not"])
    out: list[str] = []
    for key in ("all", "any"):
        for sub in cond.get(key, []) or []:
            out.extend(_doc_refs(sub))
    return out
