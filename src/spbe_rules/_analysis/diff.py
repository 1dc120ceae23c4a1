"""What changed between two rulesets, item by item, with the place of each value in both files.

:func:`diff` compares two loaded rulesets: indicators (added, removed, renamed,
moved to another aspect, weight, capability, criteria...), aspects, domains,
the total weight, predikat bands, display and rounding, the level scale, rules
(targets, max_level, condition, enabled, status...), documents, stages,
sources, evaluation years and the ruleset's own id/version/title/status.

Each :class:`Change` says where the old and the new value are written
(``file:line:col``). The typed model has no positions, so the files are read
again (:func:`spbe_rules._loading.load.merged_data`); for a ruleset that ``extends``
another, the place is the file that gives the value (the base file for an
inherited value). Places are given only when the files still hold the bytes the
ruleset was loaded from (same SHA-256); otherwise they are left out.

``scoring`` marks the changes that can change an index, a predikat or whether
an assessment is accepted (weights, bands, display, rules, structure, scale);
the others (names, criteria texts, citations, statuses) cannot.

Values are written as in the files (``rounded``, ``in_force``, ``1.5``); what the files do not
write as one value (the summary of an added or removed item, a condition) is written in words of
the language asked for (``lang=``, default the current one).
"""

from __future__ import annotations

import operator
import os
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Literal

from attrs import frozen

from .._base.errors import current_lang, tr, use_lang
from .._base.messages import Lang, Msg
from .._model.converter import band_range_text, exact_text
from .._loading.load import load_ruleset, merged_data
from .._model.conditions import ConditionVisitor, is_condition
from .._model.model import AllOf, AnyOf, AtLeast, Citation, Condition, HasDocument, Not, Ruleset
from .._loading.source import PosDict, PosList, locate
from .._base.text import number_ranges

__all__ = ["DIFF_SCHEMA", "Change", "Place", "RulesetDiff", "RulesetSide", "diff", "format_condition"]

DIFF_SCHEMA = "spbe-rules/diff@1"

Kind = Literal["added", "removed", "changed", "renamed", "moved"]

# the order of sections in a diff, and the raw list each keyed section lives in
SECTIONS = (
    "ruleset",
    "applies_to",
    "sources",
    "scale",
    "total_weight",
    "domains",
    "aspects",
    "indicators",
    "predikat",
    "display",
    "stages",
    "documents",
    "rules",
    "evidence_policy",
    "evidence_kinds",
    "requirements",
)


@frozen
class Place:
    """Where a value is written: file, 1-based line and column."""

    file: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)


@frozen
class Change:
    """One difference. ``key`` names the item (an indicator number, an aspect id, a band
    name, a rule id; empty for a single value such as ``total_weight``); ``field`` the
    changed field (None when the whole item is added or removed); ``old``/``new`` are
    the values as text (None on the side where the item does not exist)."""

    section: str
    kind: Kind
    key: str
    field: str | None
    old: str | None
    new: str | None
    old_place: Place | None = None
    new_place: Place | None = None
    scoring: bool = False

    @property
    def id(self) -> str:
        """A stable name of what changed, e.g. ``indicators[12].weight`` or ``rules[tiga-dokumen]``."""
        head = self.section if not self.key else f"{self.section}[{self.key}]"
        return head if self.field is None else f"{head}.{self.field}"

    def mirrored(self) -> Change:
        """The same change seen from the other side (added <-> removed, old <-> new)."""
        kind: Kind = {"added": "removed", "removed": "added"}.get(self.kind, self.kind)  # type: ignore[assignment]
        return Change(self.section, kind, self.key, self.field, self.new, self.old, self.new_place, self.old_place, self.scoring)

    def describe(self, width: int = 80, lang: Lang | None = None) -> str:
        """One line in plain words (in ``lang``, default: the current language); the values are
        written in the words of the file format."""
        lang = lang or current_lang()
        if self.kind == "added":
            return Msg("diff.added", id=self.id, value=_short(self.new, width)).render(lang)
        if self.kind == "removed":
            return Msg("diff.removed", id=self.id, value=_short(self.old, width)).render(lang)
        word = f" ({Msg(f'diff.{self.kind}').render(lang)})" if self.kind in ("renamed", "moved") else ""
        return f"~ {self.id}{word}: {_short(self.old, width)} -> {_short(self.new, width)}"


@frozen
class RulesetSide:
    """One side (ruleset id and version) of a diff or impact report."""

    id: str
    version: str
    title: str
    status: str
    origin: str
    sha256: str


@frozen
class RulesetDiff:
    """All differences from ruleset ``a`` to ruleset ``b``, in file order by section."""

    a: RulesetSide
    b: RulesetSide
    changes: tuple[Change, ...]
    places: bool = True  # False when a file changed since the ruleset was loaded (places left out)
    schema: str = DIFF_SCHEMA

    @property
    def empty(self) -> bool:
        """Whether no change was found between the two rulesets."""
        return not self.changes

    @property
    def scoring(self) -> tuple[Change, ...]:
        """The changes that can change a result."""
        return tuple(c for c in self.changes if c.scoring)

    def section(self, name: str) -> tuple[Change, ...]:
        """The changes of one section (``indicators``, ``rules``, ``predikat``, ...)."""
        return tuple(c for c in self.changes if c.section == name)

    def find(self, change_id: str) -> Change:
        """The change with this id, e.g. ``indicators[12].weight`` (``KeyError`` if none)."""
        for c in self.changes:
            if c.id == change_id:
                return c
        raise KeyError(change_id)

    def render(self, lang: Lang | None = None) -> str:
        """The diff as text: one line per change, with where the old and new values are written
        (in ``lang``, default: the current language)."""
        lang = lang or current_lang()
        lines = [f"diff {self.a.id} {self.a.version} -> {self.b.id} {self.b.version}"]
        if self.empty:
            lines.append(Msg("diff.none").render(lang))
            return "\n".join(lines)
        n, s = len(self.changes), len(self.scoring)
        lines.append(Msg("diff.count" if n == 1 else "diff.count.many", n=n, scoring=s).render(lang))
        if not self.places:
            lines.append(Msg("diff.no_places").render(lang))
        current = None
        for c in self.changes:
            if c.section != current:
                current = c.section
                lines.append("")
                lines.append(Msg("diff.section", name=Msg(f"diff.section.{current}"), key=current).render(lang))
            lines.append(f" {'*' if c.scoring else ' '} {c.describe(lang=lang)}")
            where = []
            if c.old_place is not None:
                where.append(Msg("diff.was", place=str(c.old_place)).render(lang))
            if c.new_place is not None:
                where.append(Msg("diff.now", place=str(c.new_place)).render(lang))
            if where:
                lines.append("      " + "; ".join(where))
        return "\n".join(lines)


# -- value texts ---------------------------------------------------------------------------


def _short(text: str | None, width: int) -> str:
    if text is None:
        return "-"
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 3] + "..."


def format_condition(cond: Condition, lang: Lang | None = None) -> str:
    """A condition in words (in ``lang``, default: the current language), with the indicator
    numbers and document keys of the file."""
    return _Format(lang or current_lang()).visit(cond)


class _Format(ConditionVisitor[str]):
    __slots__ = ("lang",)

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def at_least(self, cond: AtLeast) -> str:
        return Msg("diff.cond.at_least", indicator=cond.indicator, level=cond.level).render(self.lang)

    def has_document(self, cond: HasDocument) -> str:
        return Msg("diff.cond.document", document=cond.document).render(self.lang)

    def not_(self, cond: Not) -> str:
        return Msg("diff.cond.not", item=self.visit(cond.item)).render(self.lang)

    def all_of(self, cond: AllOf) -> str:
        return "(" + Msg("diff.cond.and").render(self.lang).join(self.visit(c) for c in cond.items) + ")"

    def any_of(self, cond: AnyOf) -> str:
        return "(" + Msg("diff.cond.or").render(self.lang).join(self.visit(c) for c in cond.items) + ")"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Fraction):
        return exact_text(value)
    if isinstance(value, Citation):
        return f"{value.source}, {value.section}" + (f" ({value.note})" if value.note else "")
    if is_condition(value):
        return format_condition(value)
    if isinstance(value, tuple) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return number_ranges(value, empty=tr("diff.value.none"))
    return str(value)


# -- places ---------------------------------------------------------------------------------

_KEY_FIELD = {"sources": "id", "domains": "id", "aspects": "id", "indicators": "number", "documents": "key", "rules": "id", "stages": "id"}


def _position(items: Any, field: str, key: str) -> int | None:
    """The position of the mapping whose ``field`` is ``key`` in the file's list ``items`` (None: not there)."""
    if isinstance(items, PosList):
        for i, item in enumerate(items):
            if isinstance(item, dict) and str(item.get(field)) == key:
                return i
    return None


class _Places:
    """Finds where values are written in the (merged) files of one ruleset."""

    def __init__(self, rs: Ruleset) -> None:
        self.data: PosDict | None = None
        self.ok = True
        self.origin = rs.origin
        if not rs.origin:
            self.ok = False
            return
        try:
            data, digest = merged_data(rs.origin)
        except Exception:  # the file is gone or no longer readable: no places, never a failure
            self.ok = False
            return
        if digest != rs.sha256:
            self.ok = False
            return
        self.data = data

    def _index(self, section: str, key: str) -> int | None:
        assert self.data is not None
        return _position(self.data.get(section), _KEY_FIELD[section], key)

    def _requirement_path(self, rid: str) -> list[str | int] | None:
        assert self.data is not None
        for num, levels in (self.data.get("requirements") or {}).items():
            for lv, items in (levels or {}).items():
                for i, item in enumerate(items or []):
                    if isinstance(item, dict) and item.get("id") == rid:
                        return ["requirements", num, lv, i]
        return None

    def _band_index(self, name: str) -> int | None:
        assert self.data is not None
        pred = self.data.get("predikat")
        return _position(pred.get("bands") if isinstance(pred, dict) else None, "name", name)

    def _capability_index(self, cap: str) -> int | None:
        assert self.data is not None
        scale = self.data.get("scale")
        return _position(scale.get("capabilities") if isinstance(scale, dict) else None, "id", cap)

    def path(self, section: str, key: str, field: str | None) -> list[str | int] | None:
        sub: list[str | int] = [] if field is None else _field_path(field)
        if section == "ruleset":
            return sub
        if section == "applies_to":
            return ["applies_to", "evaluation_years"]
        if section == "total_weight":
            return ["total_weight"]
        if section in ("display", "evidence_policy"):
            return [section, *sub]
        if section == "evidence_kinds":
            return [section, key, *sub]
        if section == "requirements":
            found = self._requirement_path(key)
            return None if found is None else [*found, *sub]
        if section == "predikat":
            if not key:
                return ["predikat", *sub]
            i = self._band_index(key)
            if i is None:
                return None
            bsub: list[str | int] = [] if field is None else [{"lower": "from", "upper": "to"}.get(field, field)]
            return ["predikat", "bands", i, *bsub]
        if section == "scale":
            if key:
                i = self._capability_index(key)
                return None if i is None else ["scale", "capabilities", i, *sub]
            return ["scale", *sub]
        i = self._index(section, key)
        if i is None:
            return None
        if section == "rules" and field == "targets":
            item = self.data[section][i] if self.data is not None else {}
            return [section, i, "targets" if "targets" in item else "indicator"]
        return [section, i, *sub]

    def place(self, section: str, key: str, field: str | None, absent: bool = False) -> Place | None:
        """Where the value is written; for an ``absent`` value (not given on this side), where
        the item that would hold it is written (the file itself for a top-level value)."""
        if self.data is None:
            return None
        path = self.path(section, key, field)
        if path is None:
            return None
        if absent:
            path = path[:-1]
            if not path:
                return Place(self.origin)
        loc = locate(self.data, path)
        if loc.file is None:
            return None
        return Place(loc.file, loc.line, loc.col)


def _field_path(field: str) -> list[str | int]:
    # "criteria.3" -> ["criteria", "3"]; "message.en" -> ["message", "en"]; "levels.3" -> ["levels", "3"]
    return list(field.split("."))


# -- comparing -------------------------------------------------------------------------------

Getter = Callable[[Any], Any]


@frozen
class _Field:
    name: str
    get: Getter
    scoring: bool = False
    kind: Kind = "changed"


def _f(name: str, scoring: bool = False, kind: Kind = "changed", get: Getter | None = None) -> _Field:
    return _Field(name, get if get is not None else operator.attrgetter(name), scoring, kind)


_INDICATOR = (
    _f("name", kind="renamed"),
    _f("aspect", True, "moved"),
    _f("weight", True),
    _f("capability"),
    _f("question"),
    _f("status"),
    _f("reason"),
    _f("citation"),
)
_ASPECT = (_f("name", kind="renamed"), _f("domain", True, "moved"), _f("weight", True), _f("description"), _f("status"), _f("reason"), _f("citation"))
_DOMAIN = (_f("name", kind="renamed"), _f("weight", True), _f("description"), _f("status"), _f("reason"), _f("citation"))
_BAND = (_f("lower", True), _f("upper", True), _f("name_en"))
_RULE = (
    _f("kind", True),
    _f("targets", True),
    _f("max_level", True),
    _f("unless", True),
    _f("enabled", True),
    _f("status"),
    _f("reason"),
    _f("description"),
    _f("legal_basis"),
    _f("message.id", get=lambda r: r.message.id),
    _f("message.en", get=lambda r: r.message.en),
)
_DOCUMENT = (_f("name", kind="renamed"), _f("implied_by", True), _f("description"), _f("status"), _f("reason"), _f("citation"))
_STAGE = (_f("name", kind="renamed"), _f("description"), _f("citation"))
# requirement items and the evidence policy change only the results of assessments that give
# evidence (the supported level); they are listed, not marked as changing every result
_REQUIREMENT = (
    _f("indicator", kind="moved"),
    _f("level", kind="moved"),
    _f("text.id", get=lambda r: r.text.id),
    _f("text.en", get=lambda r: r.text.en),
    _f("evidence"),
    _f("optional"),
    _f("citation"),
)
_KIND = (_f("name.id", get=lambda k: k.name.id), _f("name.en", get=lambda k: k.name.en))
_POLICY = (_f("supported_from"), _f("without_stage"), _f("unreviewed"), _f("at_age_limit"), _f("evaluation_dates"), _f("status"), _f("reason"), _f("citation"))
_SOURCE = (_f("title"), _f("kind"), _f("date"), _f("number"), _f("url"), _f("confidence"), _f("note"))
_DISPLAY = (_f("decimals", True), _f("rounding", True), _f("predikat_from", True), _f("status"), _f("reason"), _f("citation"))
_SCALE = (_f("min", True), _f("max", True), _f("status"), _f("reason"), _f("citation"))
_PREDIKAT = (_f("status"), _f("reason"), _f("citation"))
_RULESET = (_f("id"), _f("version"), _f("title"), _f("status"), _f("extends"), _f("reason"), _f("description"), _f("legal_basis"))
# adding or removing an item of these sections can change results (a level scale's
# capability names cannot; its min and max can)
_SCORING_ITEMS = {"domains", "aspects", "indicators", "predikat", "rules", "documents", "stages"}


class _Builder:
    def __init__(self, a: Ruleset, b: Ruleset) -> None:
        self.pa, self.pb = _Places(a), _Places(b)
        self.out: list[Change] = []

    def add(self, section: str, kind: Kind, key: str, field: str | None, old: Any, new: Any, scoring: bool) -> None:
        old_place = None if kind == "added" else self.pa.place(section, key, field, absent=old is None)
        new_place = None if kind == "removed" else self.pb.place(section, key, field, absent=new is None)
        self.out.append(Change(section, kind, key, field, _text(old), _text(new), old_place, new_place, scoring))

    def per_level(self, section: str, key: str, field: str, old: Mapping[int, Any], new: Mapping[int, Any]) -> None:
        """One change per level whose text differs in the mappings ``field`` (level -> text), not scoring."""
        for lv in sorted(set(old) | set(new)):
            a, b = old.get(lv), new.get(lv)
            if a != b:
                kind: Kind = "added" if a is None else "removed" if b is None else "changed"
                self.add(section, kind, key, f"{field}.{lv}", a, b, False)

    def fields(self, section: str, key: str, a: Any, b: Any, fields: Sequence[_Field]) -> None:
        for f in fields:
            va, vb = f.get(a), f.get(b)
            if va != vb:
                self.add(section, f.kind, key, f.name, va, vb, f.scoring)

    def items(
        self,
        section: str,
        a: Mapping[str, Any],
        b: Mapping[str, Any],
        fields: Sequence[_Field],
        summary: Callable[[Any], str],
        extra: Callable[[str, Any, Any], None] | None = None,
    ) -> None:
        scoring = section in _SCORING_ITEMS
        for key, item in a.items():
            if key not in b:
                self.add(section, "removed", key, None, summary(item), None, scoring)
        for key, item in b.items():
            if key not in a:
                self.add(section, "added", key, None, None, summary(item), scoring)
                continue
            self.fields(section, key, a[key], item, fields)
            if extra is not None:
                extra(key, a[key], item)


def _ind_summary(i: Any) -> str:
    return tr("diff.sum.indicator", name=i.name, aspect=i.aspect, weight=exact_text(i.weight))


def _group_summary(g: Any) -> str:
    if getattr(g, "domain", None):
        return tr("diff.sum.group_domain", name=g.name, weight=exact_text(g.weight), domain=g.domain)
    return tr("diff.sum.group", name=g.name, weight=exact_text(g.weight))


def _rule_summary(r: Any) -> str:
    return tr(
        "diff.sum.rule",
        kind=r.kind,
        targets=number_ranges(r.targets, empty=tr("diff.value.none")),
        max_level=r.max_level,
        unless=format_condition(r.unless),
        state=tr("diff.sum.on" if r.enabled else "diff.sum.off"),
        status=r.status,
    )


def _doc_summary(d: Any) -> str:
    return d.name if d.implied_by is None else tr("diff.sum.implied", name=d.name, condition=format_condition(d.implied_by))


def diff(a: Ruleset | str | os.PathLike[str], b: Ruleset | str | os.PathLike[str], *, lang: Lang | None = None) -> RulesetDiff:
    """Every difference from ruleset ``a`` to ruleset ``b`` (Ruleset objects, ids or paths).

    Values are written as in the files; the summaries of added and removed items and the
    conditions are written in ``lang`` (``"id"`` or ``"en"``; default: the current language).
    """
    ra = a if isinstance(a, Ruleset) else load_ruleset(a)
    rb = b if isinstance(b, Ruleset) else load_ruleset(b)
    with use_lang(lang or current_lang(), "lang"):
        return _diff(ra, rb)


def _diff(ra: Ruleset, rb: Ruleset) -> RulesetDiff:
    bld = _Builder(ra, rb)

    bld.fields("ruleset", "", ra, rb, _RULESET)
    if ra.evaluation_years != rb.evaluation_years:
        bld.add("applies_to", "changed", "", "evaluation_years", _years(ra.evaluation_years), _years(rb.evaluation_years), False)
    bld.items("sources", {s.id: s for s in ra.sources}, {s.id: s for s in rb.sources}, _SOURCE, lambda s: s.title)

    bld.fields("scale", "", ra.scale, rb.scale, _SCALE)

    def cap_levels(key: str, ca: Any, cb: Any) -> None:
        bld.per_level("scale", key, "levels", ca.levels, cb.levels)

    bld.items(
        "scale",
        {c.id: c for c in ra.scale.capabilities},
        {c.id: c for c in rb.scale.capabilities},
        (_f("name", kind="renamed"), _f("description")),
        lambda c: c.name,
        cap_levels,
    )
    if ra.total_weight != rb.total_weight:
        bld.add("total_weight", "changed", "", None, ra.total_weight, rb.total_weight, True)
    bld.items("domains", {d.id: d for d in ra.domains}, {d.id: d for d in rb.domains}, _DOMAIN, _group_summary)
    bld.items("aspects", {x.id: x for x in ra.aspects}, {x.id: x for x in rb.aspects}, _ASPECT, _group_summary)

    def criteria(key: str, ia: Any, ib: Any) -> None:
        bld.per_level("indicators", key, "criteria", ia.criteria, ib.criteria)

    bld.items(
        "indicators",
        {str(i.number): i for i in ra.indicators},
        {str(i.number): i for i in rb.indicators},
        _INDICATOR,
        _ind_summary,
        criteria,
    )
    bld.fields("predikat", "", ra.predikat, rb.predikat, _PREDIKAT)
    bld.items(
        "predikat",
        {x.name: x for x in ra.predikat.bands},
        {x.name: x for x in rb.predikat.bands},
        _BAND,
        lambda x: band_range_text(x, x is ra.predikat.bands[-1] or x is rb.predikat.bands[-1]),
    )
    bld.fields("display", "", ra.display, rb.display, _DISPLAY)
    bld.items("stages", {s.id: s for s in ra.stages}, {s.id: s for s in rb.stages}, _STAGE, lambda s: s.name)
    bld.items("documents", {d.key: d for d in ra.documents}, {d.key: d for d in rb.documents}, _DOCUMENT, _doc_summary)
    bld.items("rules", {r.id: r for r in ra.rules}, {r.id: r for r in rb.rules}, _RULE, _rule_summary)
    if ra.evidence_policy is not None and rb.evidence_policy is not None:
        bld.fields("evidence_policy", "", ra.evidence_policy, rb.evidence_policy, _POLICY)
    elif ra.evidence_policy != rb.evidence_policy:
        bld.add(
            "evidence_policy",
            "added" if ra.evidence_policy is None else "removed",
            "",
            None,
            None if ra.evidence_policy is None else "evidence_policy",
            None if rb.evidence_policy is None else "evidence_policy",
            False,
        )
    bld.items("evidence_kinds", {k.id: k for k in ra.evidence_kinds}, {k.id: k for k in rb.evidence_kinds}, _KIND, lambda k: k.name.id)
    bld.items(
        "requirements", {r.id: r for r in ra.requirements}, {r.id: r for r in rb.requirements}, _REQUIREMENT, lambda r: f"{r.indicator}.{r.level}: {r.text.id}"
    )

    order = {s: k for k, s in enumerate(SECTIONS)}
    changes = sorted(enumerate(bld.out), key=lambda kc: (order[kc[1].section], kc[0]))
    return RulesetDiff(_side(ra), _side(rb), tuple(c for _, c in changes), places=bld.pa.ok and bld.pb.ok)


def _years(years: tuple[int, ...]) -> str:
    return ", ".join(map(str, years)) if years else tr("diff.value.none")


def _side(rs: Ruleset) -> RulesetSide:
    return RulesetSide(rs.id, rs.version, rs.title, rs.status, rs.origin, rs.sha256)
