"""The typed, frozen ruleset: what a validated ruleset file becomes."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Literal, Union

from attrs import field, frozen

from .requirements import EvidenceKind, EvidenceNeed, EvidencePolicy, Requirement, Unavailable

__all__ = [
    "AllOf",
    "AnyOf",
    "Aspect",
    "AtLeast",
    "Band",
    "Capability",
    "Citation",
    "Condition",
    "Display",
    "Document",
    "Domain",
    "ExternalScore",
    "HasDocument",
    "Indicator",
    "Message",
    "Not",
    "Predikat",
    "Rule",
    "Ruleset",
    "Scale",
    "ScoreBand",
    "SourceInfo",
    "Stage",
    "SubLevels",
]

Status = Literal["in_force", "provisional", "superseded"]


@frozen
class Citation:
    """Where a source says something: ``source`` is the id of an entry in ``Ruleset.sources``."""

    source: str
    section: str
    note: str | None = None


@frozen
class SourceInfo:
    """A legal source a ruleset cites (id, title, kind, date)."""

    id: str
    title: str
    kind: str
    date: str | None = None
    number: str | None = None
    url: str | None = None
    confidence: str | None = None
    note: str | None = None
    pages: int | None = None


@frozen
class Capability:
    """A maturity capability (the meaning of each level) shared by indicators."""

    id: str
    name: str
    levels: Mapping[int, str]
    description: str | None = None


@frozen
class Scale:
    """The maturity scale of a ruleset (lowest and highest level)."""

    min: int
    max: int
    capabilities: tuple[Capability, ...]
    citation: Citation | None = None
    status: Status = "in_force"
    reason: str | None = None

    def level_name(self, capability: str, level: int | Fraction) -> str | None:
        """The name of a whole level (None for a non-whole value such as the mean of sub-levels)."""
        if isinstance(level, Fraction):
            if level.denominator != 1:
                return None
            level = int(level)
        for cap in self.capabilities:
            if cap.id == capability:
                return cap.levels.get(level)
        return None


@frozen
class Domain:
    """A domain of a ruleset: its id, name and weight."""

    id: str
    name: str
    weight: Fraction
    citation: Citation
    description: str | None = None
    status: Status = "in_force"
    reason: str | None = None


@frozen
class Aspect:
    """An aspect of a ruleset: its id, name, weight and the domain it belongs to."""

    id: str
    name: str
    weight: Fraction
    citation: Citation
    domain: str | None = None
    description: str | None = None
    status: Status = "in_force"
    reason: str | None = None


@frozen
class SubLevels:
    """An indicator scored for ``min``..``max`` items (e.g. up to three public services): the
    level that counts is their exact mean (``combine: mean``), never rounded."""

    min: int
    max: int
    combine: Literal["mean"]
    citation: Citation
    item: str | None = None  # what one sub-level scores, e.g. "layanan publik"
    status: Status = "in_force"
    reason: str | None = None


@frozen
class ScoreBand:
    """Scores from ``lower`` (included) up to ``upper`` (excluded, except for the highest band) give ``value``."""

    lower: Fraction
    upper: Fraction
    value: Fraction


@frozen
class ExternalScore:
    """An indicator whose value comes from another agency's index: the assessment gives the
    score, and ``bands`` convert it to the indicator's value."""

    source: str  # the index, e.g. "Indeks Satu Data Indonesia (SDI)"
    min: Fraction
    max: Fraction
    bands: tuple[ScoreBand, ...]
    citation: Citation
    agency: str | None = None
    includes: Literal["lower", "upper"] = "lower"
    status: Status = "in_force"
    reason: str | None = None

    def convert(self, score: Fraction) -> ScoreBand | None:
        """The band that ``score`` falls in (None outside ``min``..``max``). With ``includes:
        lower`` a band is [from, to) and the highest also includes ``to``; with ``upper`` it is
        (from, to] and the lowest also includes ``from``."""
        if not self.min <= score <= self.max:
            return None
        last = len(self.bands) - 1
        for k, b in enumerate(self.bands):
            if self.includes == "lower":
                if b.lower <= score and (score < b.upper or (k == last and score <= b.upper)):
                    return b
            elif score <= b.upper and (b.lower < score or (k == 0 and b.lower <= score)):
                return b
        return None


@frozen
class Indicator:
    """An indicator of a ruleset: number, name, aspect, weight and level criteria."""

    number: int
    name: str
    aspect: str
    weight: Fraction
    capability: str
    criteria: Mapping[int, str]
    citation: Citation
    question: str | None = None
    status: Status = "in_force"
    reason: str | None = None
    sub_levels: SubLevels | None = None
    external: ExternalScore | None = None


@frozen
class Band:
    """A predikat band: from ``lower`` (included) up to ``upper`` (excluded, except for the highest band)."""

    name: str
    lower: Fraction
    upper: Fraction
    name_en: str | None = None


@frozen
class Predikat:
    """The predikat bands of a ruleset (names and index bounds)."""

    bands: tuple[Band, ...]
    citation: Citation
    status: Status = "in_force"
    reason: str | None = None


@frozen
class Display:
    """How indices are shown: decimals, rounding mode, and whether the predikat comes from the rounded or exact index."""

    decimals: int
    rounding: Literal["half_up", "half_even", "down", "up"]
    predikat_from: Literal["rounded", "exact"]
    citation: Citation | None = None
    status: Status = "in_force"
    reason: str | None = None


@frozen
class Stage:
    """An evaluation stage. ``kind: review`` (the Tim Reviu) marks each earlier result valid or
    corrects its level with a reason; it is always the last stage."""

    id: str
    name: str
    description: str | None = None
    citation: Citation | None = None
    kind: Literal["assessment", "review"] = "assessment"
    status: Status = "in_force"
    reason: str | None = None


# Conditions ---------------------------------------------------------------------------


@frozen
class AtLeast:
    """Holds when the indicator's (effective) level is at least ``level``."""

    indicator: int
    level: int


@frozen
class HasDocument:
    """Holds when the document exists (stated by the assessment, or implied)."""

    document: str


@frozen
class AllOf:
    """A condition that holds when every one of its items holds (``all:``)."""

    items: tuple[Condition, ...]


@frozen
class AnyOf:
    """A condition that holds when at least one of its items holds (``any:``)."""

    items: tuple[Condition, ...]


@frozen
class Not:
    """A condition that holds when its item does not (``not:``)."""

    item: Condition


Condition = Union[AtLeast, HasDocument, AllOf, AnyOf, Not]  # noqa: UP007 (a typing.Union: the converter dispatches on it)


@frozen
class Document:
    """A document a rule may depend on (its key, name, and the condition that implies it)."""

    key: str
    name: str
    implied_by: Condition | None = None
    citation: Citation | None = None
    description: str | None = None
    evidence: EvidenceNeed | None = None
    status: Status = "in_force"
    reason: str | None = None


@frozen
class Message:
    """A rule's message for people, in Bahasa Indonesia (``id``) and English (``en``)."""

    id: str
    en: str


@frozen
class Rule:
    """A dependency rule. ``targets`` are resolved indicator numbers (ascending)."""

    id: str
    kind: Literal["cap", "requires"]
    targets: tuple[int, ...]
    max_level: int
    unless: Condition
    legal_basis: Citation
    message: Message
    enabled: bool = True
    description: str | None = None
    status: Status = "in_force"
    reason: str | None = None


@frozen
class Ruleset:
    """A validated ruleset. Frozen: load a new one to change it.

    ``sha256`` is the hash of the file's bytes together with those of the rulesets it extends.
    """

    id: str
    version: str
    title: str
    status: Status
    sources: tuple[SourceInfo, ...]
    legal_basis: Citation
    evaluation_years: tuple[int, ...]
    scale: Scale
    total_weight: Fraction
    domains: tuple[Domain, ...]
    aspects: tuple[Aspect, ...]
    indicators: tuple[Indicator, ...]
    predikat: Predikat
    display: Display
    stages: tuple[Stage, ...] = ()
    documents: tuple[Document, ...] = ()
    rules: tuple[Rule, ...] = ()
    evidence_kinds: tuple[EvidenceKind, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    requirements_unavailable: tuple[Unavailable, ...] = ()
    evidence_policy: EvidencePolicy | None = None
    reason: str | None = None
    description: str | None = None
    extends: str | None = None
    sha256: str = ""
    origin: str = field(default="", eq=False)

    def indicator(self, number: int) -> Indicator:
        """The indicator numbered ``number`` (``KeyError`` if the ruleset has none)."""
        for ind in self.indicators:
            if ind.number == number:
                return ind
        raise KeyError(number)

    def aspect(self, aspect_id: str) -> Aspect:
        """The aspect with this id (``KeyError`` if none)."""
        for a in self.aspects:
            if a.id == aspect_id:
                return a
        raise KeyError(aspect_id)

    def domain(self, domain_id: str) -> Domain:
        """The domain with this id (``KeyError`` if none)."""
        for d in self.domains:
            if d.id == domain_id:
                return d
        raise KeyError(domain_id)

    def rule(self, rule_id: str) -> Rule:
        """The dependency rule with this id (``KeyError`` if none)."""
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def document(self, key: str) -> Document:
        """The document with this key (``KeyError`` if none)."""
        for d in self.documents:
            if d.key == key:
                return d
        raise KeyError(key)

    def stage(self, stage_id: str) -> Stage:
        """The assessment stage with this id (``KeyError`` if none)."""
        for s in self.stages:
            if s.id == stage_id:
                return s
        raise KeyError(stage_id)

    def source(self, source_id: str) -> SourceInfo:
        """The legal source with this id (``KeyError`` if none)."""
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(source_id)

    def requirements_of(self, number: int, level: int | None = None) -> tuple[Requirement, ...]:
        """The requirement items of an indicator (of one level, or all levels in order)."""
        return tuple(r for r in self.requirements if r.indicator == number and (level is None or r.level == level))

    def requirement(self, requirement_id: str) -> Requirement:
        """The requirement item with this id (``KeyError`` if none)."""
        for r in self.requirements:
            if r.id == requirement_id:
                return r
        raise KeyError(requirement_id)

    def evidence_kind(self, kind_id: str) -> EvidenceKind:
        """The kind of evidence with this id (``KeyError`` if none)."""
        for k in self.evidence_kinds:
            if k.id == kind_id:
                return k
        raise KeyError(kind_id)

    def unavailable_reason(self, number: int) -> Unavailable | None:
        """Why the ruleset states no requirement items for indicator ``number``, or None."""
        for u in self.requirements_unavailable:
            if u.indicator == number:
                return u
        return None

    @property
    def numbers(self) -> tuple[int, ...]:
        """The indicator numbers, in the ruleset's order."""
        return tuple(i.number for i in self.indicators)
