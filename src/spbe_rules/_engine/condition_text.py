"""Conditions in plain words (Indonesian or English), with what holds now: the explanation's,
the report's and what-if's texts of rule conditions. Each is a visitor of the one condition walker
(:mod:`.._model.conditions`)."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from attrs import evolve, frozen

from .._model.conditions import ConditionVisitor
from .._model.model import AllOf, AnyOf, AtLeast, Condition, HasDocument, Not, Ruleset

__all__ = ["Docs", "describe_condition", "describe_release", "holds_now", "indicator_name"]

Docs = Mapping[str, tuple[bool | None, str]]
"""Each document's state: (present or not or None when unknown, how it is known: stated, implied, unknown)."""


def _doc_name(rs: Ruleset, key: str) -> str:
    try:
        return rs.document(key).name
    except KeyError:
        return key


def _doc_state(rs: Ruleset, key: str, levels: Mapping[int, int | Fraction], docs: Docs, lang: str, depth: int) -> str:
    """Where the document's state comes from, in plain words."""
    present, basis = docs.get(key, (None, "unknown"))
    ind = lang == "id"
    word = ({True: "ada", False: "tidak ada", None: "tidak diketahui"} if ind else {True: "present", False: "absent", None: "unknown"})[present]
    if basis == "stated":
        return f"penilaian menyatakan: {word}" if ind else f"the assessment states: {word}"
    if basis == "implied":
        try:
            implied = rs.document(key).implied_by
        except KeyError:
            implied = None
        if implied is not None and depth < 3:
            how = describe_condition(implied, rs, levels, docs, lang, _depth=depth + 1)
            if ind:
                return f"tidak dinyatakan dalam penilaian, maka disimpulkan dari {how}: {word}"
            return f"not stated by the assessment, so inferred from {how}: {word}"
        return f"disimpulkan: {word}" if ind else f"inferred: {word}"
    return "penilaian tidak menyatakan apakah dokumen ini ada" if ind else "the assessment does not say whether it exists"


def describe_condition(cond: Condition, rs: Ruleset, levels: Mapping[int, int | Fraction], docs: Docs, lang: str, *, _depth: int = 0) -> str:
    """The whole condition in plain words, with what holds now."""
    return _Describe(rs, levels, docs, lang, _depth).visit(cond)


@frozen
class _Describe(ConditionVisitor[str]):
    rs: Ruleset
    levels: Mapping[int, int | Fraction]
    docs: Docs
    lang: str
    depth: int = 0

    def _deeper(self, cond: Condition) -> str:
        return evolve(self, depth=self.depth + 1).visit(cond)

    def at_least(self, cond: AtLeast) -> str:
        now = self.levels.get(cond.indicator)
        name = indicator_name(self.rs, cond.indicator)
        if self.lang == "id":
            return f"indikator {cond.indicator} ({name}) minimal tingkat {cond.level} (sekarang {now})"
        return f"indicator {cond.indicator} ({name}) at level {cond.level} or above (now {now})"

    def has_document(self, cond: HasDocument) -> str:
        name = _doc_name(self.rs, cond.document)
        state = _doc_state(self.rs, cond.document, self.levels, self.docs, self.lang, self.depth)
        return f"dokumen {name} tersedia ({state})" if self.lang == "id" else f"the {name} document is in place ({state})"

    def not_(self, cond: Not) -> str:
        inner = self._deeper(cond.item)
        return f"bukan keadaan berikut: {inner}" if self.lang == "id" else f"not the case that {inner}"

    def all_of(self, cond: AllOf) -> str:
        return self._joined(cond.items, ("; dan ", "semua berikut: ") if self.lang == "id" else ("; and ", "all of: "))

    def any_of(self, cond: AnyOf) -> str:
        return self._joined(cond.items, ("; atau ", "salah satu berikut: ") if self.lang == "id" else ("; or ", "one of: "))

    def _joined(self, items: tuple[Condition, ...], words: tuple[str, str]) -> str:
        parts = [self._deeper(c) for c in items]
        if len(parts) == 1:
            return parts[0]
        text = words[0].join(parts)
        return f"({words[1]}{text})" if self.depth else text


def holds_now(cond: Condition, levels: Mapping[int, int | Fraction], docs: Docs) -> bool | None:
    """Whether the condition holds on these levels and document states (None: not known)."""
    return _Known(levels, docs).visit(cond)


@frozen
class _Known(ConditionVisitor["bool | None"]):
    levels: Mapping[int, int | Fraction]
    docs: Docs

    def at_least(self, cond: AtLeast) -> bool | None:
        now = self.levels.get(cond.indicator)
        return None if now is None else now >= cond.level

    def has_document(self, cond: HasDocument) -> bool | None:
        return self.docs.get(cond.document, (None, "unknown"))[0]

    def not_(self, cond: Not) -> bool | None:
        inner = self.visit(cond.item)
        return None if inner is None else not inner

    def all_of(self, cond: AllOf) -> bool | None:
        values = [self.visit(c) for c in cond.items]
        return False if False in values else (True if all(v is True for v in values) else None)

    def any_of(self, cond: AnyOf) -> bool | None:
        values = [self.visit(c) for c in cond.items]
        return True if True in values else (False if all(v is False for v in values) else None)


def describe_release(cond: Condition, rs: Ruleset, levels: Mapping[int, int | Fraction], docs: Docs, lang: str) -> str:
    """What must become true for a condition that does not hold now: only the parts that fail."""
    return _Release(rs, levels, docs, lang).visit(cond)


@frozen
class _Release(ConditionVisitor[str]):
    rs: Ruleset
    levels: Mapping[int, int | Fraction]
    docs: Docs
    lang: str

    def at_least(self, cond: AtLeast) -> str:
        name = indicator_name(self.rs, cond.indicator)
        now = self.levels.get(cond.indicator)
        if self.lang == "id":
            return f"indikator {cond.indicator} ({name}) mencapai tingkat {cond.level} (sekarang {now})"
        return f"indicator {cond.indicator} ({name}) reaches level {cond.level} (now {now})"

    def has_document(self, cond: HasDocument) -> str:
        return describe_condition(cond, self.rs, self.levels, self.docs, self.lang)

    def not_(self, cond: Not) -> str:
        return describe_condition(cond, self.rs, self.levels, self.docs, self.lang)

    def all_of(self, cond: AllOf) -> str:
        failing = [c for c in cond.items if holds_now(c, self.levels, self.docs) is not True] or list(cond.items)
        return ("; dan " if self.lang == "id" else "; and ").join(self.visit(c) for c in failing)

    def any_of(self, cond: AnyOf) -> str:
        parts = [self.visit(c) for c in cond.items]
        if len(parts) == 1:
            return parts[0]
        head = "salah satu berikut terpenuhi: " if self.lang == "id" else "one of these holds: "
        return head + ("; atau " if self.lang == "id" else "; or ").join(parts)


def indicator_name(rs: Ruleset, number: int) -> str:
    try:
        return rs.indicator(number).name
    except KeyError:
        return "?"
