"""The units of a ruleset change that :func:`spbe_rules.impact` tries alone: each ``take_*`` makes
a ruleset with one part (a display field, the bands, a weight, a rule with the documents it reads...)
taken from another ruleset."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs

from .._model.conditions import documents_named, indicators_read
from .._model.model import Ruleset

__all__ = [
    "NotAlone",
    "Take",
    "take_bands",
    "take_display",
    "take_document",
    "take_group",
    "take_indicator",
    "take_rule",
    "take_scale",
    "take_stages",
    "take_total",
]


def replace_item(items: Sequence[Any], key: Callable[[Any], Any], k: Any, other: Sequence[Any]) -> tuple[Any, ...]:
    """``items`` with the item keyed ``k`` taken from ``other`` (added, replaced or removed)."""
    new = next((x for x in other if key(x) == k), None)
    out = [x for x in items if key(x) != k] if new is None else [new if key(x) == k else x for x in items]
    if new is not None and not any(key(x) == k for x in items):
        out.append(new)
    return tuple(out)


Take = Callable[[Ruleset, Ruleset], Ruleset]


def take_display(fld: str) -> Take:
    def take(base: Ruleset, other: Ruleset) -> Ruleset:
        return attrs.evolve(base, display=attrs.evolve(base.display, **{fld: getattr(other.display, fld)}))

    return take


def take_bands(base: Ruleset, other: Ruleset) -> Ruleset:
    return attrs.evolve(base, predikat=attrs.evolve(base.predikat, bands=other.predikat.bands))


def take_total(base: Ruleset, other: Ruleset) -> Ruleset:
    return attrs.evolve(base, total_weight=other.total_weight)


def take_scale(base: Ruleset, other: Ruleset) -> Ruleset:
    return attrs.evolve(base, scale=attrs.evolve(base.scale, min=other.scale.min, max=other.scale.max))


def take_stages(base: Ruleset, other: Ruleset) -> Ruleset:
    return attrs.evolve(base, stages=other.stages)


def take_indicator(number: int, fld: str) -> Take:
    def take(base: Ruleset, other: Ruleset) -> Ruleset:
        value = getattr(other.indicator(number), fld)
        base.indicator(number)  # KeyError when this side does not have it: not applicable alone
        return attrs.evolve(base, indicators=tuple(attrs.evolve(i, **{fld: value}) if i.number == number else i for i in base.indicators))

    return take


def take_group(section: str, key: str, fld: str) -> Take:
    def take(base: Ruleset, other: Ruleset) -> Ruleset:
        value = getattr(other.aspect(key) if section == "aspects" else other.domain(key), fld)
        if section == "aspects":
            base.aspect(key)
            return attrs.evolve(base, aspects=tuple(attrs.evolve(x, **{fld: value}) if x.id == key else x for x in base.aspects))
        base.domain(key)
        return attrs.evolve(base, domains=tuple(attrs.evolve(x, **{fld: value}) if x.id == key else x for x in base.domains))

    return take


def take_document(key: str) -> Take:
    def take(base: Ruleset, other: Ruleset) -> Ruleset:
        return attrs.evolve(base, documents=replace_item(base.documents, lambda x: x.key, key, other.documents))

    return take


def take_rule(rule_id: str) -> Take:
    def take(base: Ruleset, other: Ruleset) -> Ruleset:
        rules = replace_item(base.rules, lambda r: r.id, rule_id, other.rules)
        documents = base.documents
        have = {x.key for x in documents}
        for r in rules:  # a rule brought over brings the documents it reads
            for doc_key in set(documents_named(r.unless)) - have:
                doc = next((x for x in other.documents if x.key == doc_key), None)
                if doc is not None:
                    documents = (*documents, doc)
                    have.add(doc_key)
        numbers = set(base.numbers)
        implied = {x.key: x.implied_by for x in documents}
        if any(n not in numbers for r in rules for n in (*r.targets, *indicators_read(r.unless, implied))):
            raise NotAlone()  # the rule names indicators this ruleset does not have
        return attrs.evolve(base, rules=rules, documents=documents)

    return take


class NotAlone(Exception):
    """A unit that cannot be applied to this ruleset on its own."""
