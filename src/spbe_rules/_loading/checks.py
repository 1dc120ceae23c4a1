"""Checks of meaning that a schema cannot express: ids, references, weight sums,
bands, level names, rule targets, conditions and rule cycles.

They run on the raw data (after the schema), so every problem names its line.
They also resolve rule targets into indicator numbers for the typed model.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from .._model.converter import exact_text, to_fraction
from .._base.errors import Problem
from .merge import KEYED_LISTS
from .requirement_checks import check_requirements
from .source import locate
from .check_context import _Ctx
from .checks_cycles import _cycles, _document_cycles

__all__ = ["check_ruleset"]


def _did_you_mean(value: object, options: Iterable[object]) -> str:
    opts = [str(o) for o in options]
    guess = difflib.get_close_matches(str(value), opts, n=1, cutoff=0.5)
    if guess:
        return f"did you mean `{guess[0]}`?"
    shown = ", ".join(opts[:12]) + (", ..." if len(opts) > 12 else "")
    return f"known: {shown}" if opts else "none is declared"


def _frac(value: Any) -> Fraction:
    return to_fraction(value)


def _num(value: Fraction) -> str:
    return exact_text(value)


def check_ruleset(data: Any, name: str) -> tuple[list[Problem], dict[str, list[int]]]:
    """Return the problems found and the resolved targets of each rule (by rule id)."""
    ctx = _Ctx(data, name)
    _unique_keys(ctx)
    source_ids = {s.get("id") for s in data.get("sources", [])}
    _citations(ctx, data, [], source_ids)
    scale_min, scale_max = _scale(ctx)
    domains = {d["id"]: i for i, d in enumerate(data.get("domains", []) or [])}
    aspects = {a["id"]: i for i, a in enumerate(data["aspects"])}
    numbers = {ind["number"]: i for i, ind in enumerate(data["indicators"])}
    _structure_refs(ctx, domains, aspects, scale_min, scale_max)
    _weights(ctx, domains, aspects)
    _bands(ctx, scale_min, scale_max)
    documents = {d["key"]: i for i, d in enumerate(data.get("documents", []) or [])}
    for i, doc in enumerate(data.get("documents", []) or []):
        if "implied_by" in doc:
            _condition(ctx, doc["implied_by"], ["documents", i, "implied_by"], numbers, documents, scale_min, scale_max)
    _document_cycles(ctx)
    targets = _rules(ctx, domains, aspects, numbers, documents, scale_min, scale_max)
    check_requirements(data, ctx.add, scale_min, scale_max, set(numbers), [s.get("id") for s in data.get("stages", []) or []])
    if not ctx.problems:
        _cycles(ctx, targets)
    return ctx.problems, targets


def _unique_keys(ctx: _Ctx) -> None:
    for list_name, field in KEYED_LISTS.items():
        seen: dict[Any, int] = {}
        for i, item in enumerate(ctx.data.get(list_name, []) or []):
            key = item.get(field)
            if key in seen:
                first = locate(ctx.data, [list_name, seen[key]], ctx.name)
                ctx.add(
                    "DUPLICATE_ID",
                    f"{list_name} `{key}` is declared twice (first at line {first.line})",
                    [list_name, i, field],
                    f"give each item of `{list_name}` its own {field}",
                )
            else:
                seen[key] = i
    caps: set[str] = set()
    for i, cap in enumerate(ctx.data["scale"].get("capabilities", [])):
        if cap["id"] in caps:
            ctx.add("DUPLICATE_ID", f"capability `{cap['id']}` is declared twice", ["scale", "capabilities", i, "id"])
        caps.add(cap["id"])
    names: set[str] = set()
    for i, band in enumerate(ctx.data["predikat"]["bands"]):
        if band["name"] in names:
            ctx.add("DUPLICATE_ID", f"the predikat `{band['name']}` has two bands", ["predikat", "bands", i, "name"])
        names.add(band["name"])


def _citations(ctx: _Ctx, node: Any, path: list[str | int], source_ids: set[Any]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            sub = [*path, key]
            if key in ("citation", "legal_basis") and isinstance(value, dict) and "source" in value:
                if value["source"] not in source_ids:
                    ctx.add(
                        "UNKNOWN_SOURCE",
                        f"the citation names source `{value['source']}`, which `sources` does not declare",
                        [*sub, "source"],
                        _did_you_mean(value["source"], sorted(str(s) for s in source_ids)),
                    )
            elif key != "sources":
                _citations(ctx, value, sub, source_ids)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            _citations(ctx, item, [*path, i], source_ids)


def _scale(ctx: _Ctx) -> tuple[int, int]:
    scale = ctx.data["scale"]
    lo, hi = scale["min"], scale["max"]
    if lo >= hi:
        ctx.add("SCALE", f"the scale's min ({lo}) must be below its max ({hi})", ["scale", "max"])
        return lo, max(lo, hi)
    for i, cap in enumerate(scale["capabilities"]):
        levels = {int(k) for k in cap["levels"]}
        missing = sorted(set(range(lo, hi + 1)) - levels)
        extra = sorted(levels - set(range(lo, hi + 1)))
        if missing:
            ctx.add(
                "LEVEL_NAMES",
                f"capability `{cap['id']}` gives no name for level {', '.join(map(str, missing))}",
                ["scale", "capabilities", i, "levels"],
                f"name every level from {lo} to {hi}",
            )
        for level in extra:
            ctx.add(
                "LEVEL_OUT_OF_SCALE",
                f"capability `{cap['id']}` names level {level}, outside the scale {lo}..{hi}",
                ["scale", "capabilities", i, "levels", str(level)],
                "remove it or widen the scale",
            )
    return lo, hi


def _structure_refs(
    ctx: _Ctx, domains: dict[str, int], aspects: dict[str, int], lo: int, hi: int
) -> None:
    data = ctx.data
    has_domains = bool(data.get("domains"))
    for i, asp in enumerate(data["aspects"]):
        if has_domains:
            if "domain" not in asp:
                ctx.add("REQUIRED", f"aspect `{asp['id']}` names no domain", ["aspects", i], "add `domain:` with a domain id")
            elif asp["domain"] not in domains:
                ctx.add(
                    "UNKNOWN_DOMAIN",
                    f"aspect `{asp['id']}` belongs to domain `{asp['domain']}`, which is not declared",
                    ["aspects", i, "domain"],
                    _did_you_mean(asp["domain"], domains),
                )
        elif "domain" in asp:
            ctx.add(
                "UNKNOWN_DOMAIN",
                f"aspect `{asp['id']}` names domain `{asp['domain']}`, but this ruleset declares no domains",
                ["aspects", i, "domain"],
                "remove `domain:` or declare `domains:`",
            )
    caps = {c["id"] for c in data["scale"]["capabilities"]}
    for i, ind in enumerate(data["indicators"]):
        if ind["aspect"] not in aspects:
            ctx.add(
                "UNKNOWN_ASPECT",
                f"indicator {ind['number']} belongs to aspect `{ind['aspect']}`, which is not declared",
                ["indicators", i, "aspect"],
                _did_you_mean(ind["aspect"], aspects),
            )
        if ind["capability"] not in caps:
            ctx.add(
                "UNKNOWN_CAPABILITY",
                f"indicator {ind['number']} has capability `{ind['capability']}`, which the scale does not declare",
                ["indicators", i, "capability"],
                _did_you_mean(ind["capability"], caps),
            )
        levels = {int(k) for k in ind["criteria"]}
        for level in sorted(levels - set(range(lo, hi + 1))):
            ctx.add(
                "LEVEL_OUT_OF_SCALE",
                f"indicator {ind['number']} describes level {level}, outside the scale {lo}..{hi}",
                ["indicators", i, "criteria", str(level)],
                "remove it or correct the level",
            )
        missing = sorted(set(range(lo, hi + 1)) - levels)
        if missing:
            ctx.add(
                "CRITERIA_LEVELS",
                f"indicator {ind['number']} has no criteria for level {', '.join(map(str, missing))}",
                ["indicators", i, "criteria"],
                f"summarise what each level from {lo} to {hi} requires",
            )
    used_aspects = {ind["aspect"] for ind in data["indicators"]}
    for i, asp in enumerate(data["aspects"]):
        if asp["id"] not in used_aspects:
            ctx.add("EMPTY_ASPECT", f"aspect `{asp['id']}` has no indicators", ["aspects", i], "add indicators or remove it")
    used_domains = {a.get("domain") for a in data["aspects"]}
    for i, dom in enumerate(data.get("domains", []) or []):
        if dom["id"] not in used_domains:
            ctx.add("EMPTY_DOMAIN", f"domain `{dom['id']}` has no aspects", ["domains", i], "add aspects or remove it")


def _weights(ctx: _Ctx, domains: dict[str, int], aspects: dict[str, int]) -> None:
    data = ctx.data
    for list_name in ("domains", "aspects", "indicators"):
        for i, item in enumerate(data.get(list_name, []) or []):
            if _frac(item["weight"]) <= 0:
                ctx.add("ZERO_WEIGHT", f"the weight of {list_name[:-1]} `{item.get('id', item.get('number'))}` is 0", [list_name, i, "weight"], "every weight must be above 0; remove the item instead")
    per_aspect: dict[str, Fraction] = {a: Fraction(0) for a in aspects}
    for ind in data["indicators"]:
        if ind["aspect"] in per_aspect:
            per_aspect[ind["aspect"]] += _frac(ind["weight"])
    for a_id, i in aspects.items():
        asp = data["aspects"][i]
        want = _frac(asp["weight"])
        got = per_aspect[a_id]
        if got and got != want:
            ctx.add(
                "WEIGHT_SUM",
                f"the indicators of aspect `{a_id}` weigh {_num(got)} in all, but the aspect weighs {_num(want)}",
                ["aspects", i, "weight"],
                "correct an indicator weight or the aspect weight so that they agree",
            )
    if data.get("domains"):
        per_domain: dict[str, Fraction] = {d: Fraction(0) for d in domains}
        for asp in data["aspects"]:
            if asp.get("domain") in per_domain:
                per_domain[asp["domain"]] += _frac(asp["weight"])
        for d_id, i in domains.items():
            want = _frac(data["domains"][i]["weight"])
            got = per_domain[d_id]
            if got and got != want:
                ctx.add(
                    "WEIGHT_SUM",
                    f"the aspects of domain `{d_id}` weigh {_num(got)} in all, but the domain weighs {_num(want)}",
                    ["domains", i, "weight"],
                    "correct an aspect weight or the domain weight so that they agree",
                )
        top = sum((_frac(d["weight"]) for d in data["domains"]), Fraction(0))
        what = "domains"
    else:
        top = sum((_frac(a["weight"]) for a in data["aspects"]), Fraction(0))
        what = "aspects"
    total = _frac(data["total_weight"])
    if top != total:
        ctx.add(
            "WEIGHT_SUM",
            f"the {what} weigh {_num(top)} in all, but total_weight is {_num(total)}",
            ["total_weight"],
            f"correct a weight of the {what} or total_weight",
        )


def _bands(ctx: _Ctx, lo: int, hi: int) -> None:
    bands = ctx.data["predikat"]["bands"]
    order = sorted(range(len(bands)), key=lambda i: (_frac(bands[i]["from"]), _frac(bands[i]["to"])))
    if order != list(range(len(bands))):
        ctx.add(
            "BAND_ORDER",
            "the predikat bands are not in ascending order",
            ["predikat", "bands"],
            "list them from the lowest (e.g. Kurang) to the highest (e.g. Memuaskan)",
        )
    for i, band in enumerate(bands):
        if _frac(band["from"]) >= _frac(band["to"]):
            ctx.add(
                "BAND_EMPTY",
                f"band `{band['name']}` goes from {band['from']} to {band['to']}: it covers nothing",
                ["predikat", "bands", i, "to"],
                "`to` must be above `from`",
            )
    for prev_i, next_i in zip(order, order[1:]):
        prev, nxt = bands[prev_i], bands[next_i]
        end, start = _frac(prev["to"]), _frac(nxt["from"])
        end_txt, start_txt = str(prev["to"]), str(nxt["from"])  # as written in the file
        if end < start:
            ctx.add(
                "BAND_GAP",
                f"no band covers indices from {end_txt} up to {start_txt} (between `{prev['name']}` and `{nxt['name']}`)",
                ["predikat", "bands", next_i, "from"],
                f"make `{nxt['name']}` start at {end_txt}, where `{prev['name']}` ends",
            )
        elif end > start:
            ctx.add(
                "BAND_OVERLAP",
                f"bands `{prev['name']}` and `{nxt['name']}` both cover indices from {start_txt} up to {end_txt}",
                ["predikat", "bands", next_i, "from"],
                f"make `{nxt['name']}` start at {end_txt}, where `{prev['name']}` ends",
            )
    if bands:
        first, last = bands[order[0]], bands[order[-1]]
        if _frac(first["from"]) > lo:
            ctx.add(
                "BAND_RANGE",
                f"the lowest band starts at {first['from']}, above the lowest possible index {lo}",
                ["predikat", "bands", order[0], "from"],
                f"start `{first['name']}` at {lo}",
            )
        if _frac(last["to"]) < hi:
            ctx.add(
                "BAND_RANGE",
                f"the highest band ends at {last['to']}, below the highest possible index {hi}",
                ["predikat", "bands", order[-1], "to"],
                f"end `{last['name']}` at {hi}",
            )
        for i, band in enumerate(bands):
            if _frac(band["from"]) < lo or _frac(band["to"]) > hi:
                if band is first and _frac(band["from"]) < lo or band is last and _frac(band["to"]) > hi:
                    ctx.add(
                        "BAND_RANGE",
                        f"band `{band['name']}` reaches outside the scale {lo}..{hi}",
                        ["predikat", "bands", i],
                        f"keep bands between {lo} and {hi}",
                    )


_CONDITION_KINDS = ("all", "any", "not", "indicator", "document")


def _condition(
    ctx: _Ctx,
    cond: Any,
    path: list[str | int],
    numbers: dict[int, int],
    documents: dict[str, int],
    lo: int,
    hi: int,
) -> None:
    kinds = [k for k in _CONDITION_KINDS if k in cond]
    if len(kinds) != 1:
        found = ", ".join(f"`{k}`" for k in cond) or "nothing"
        ctx.add(
            "CONDITION_KIND",
            f"a condition must be exactly one of {{indicator, at_least}}, {{document}}, {{all}}, {{any}} or {{not}}; found {found}",
            path,
            "split it into several conditions inside `all:` or `any:`",
        )
        return
    kind = kinds[0]
    if kind == "indicator":
        extra = [k for k in cond if k not in ("indicator", "at_least")]
        if "at_least" not in cond or extra:
            ctx.add(
                "CONDITION_KIND",
                "an indicator condition is written {indicator: N, at_least: L}",
                path,
                "add `at_least:` with the level the indicator must reach",
            )
        if cond["indicator"] not in numbers:
            ctx.add(
                "UNKNOWN_INDICATOR",
                f"the condition names indicator {cond['indicator']}, which this ruleset does not have",
                [*path, "indicator"],
                _did_you_mean(cond["indicator"], numbers),
            )
        if "at_least" in cond and not lo <= cond["at_least"] <= hi:
            ctx.add(
                "LEVEL_OUT_OF_SCALE",
                f"at_least {cond['at_least']} is outside the scale {lo}..{hi}",
                [*path, "at_least"],
            )
        return
    if len(cond) != 1:
        ctx.add("CONDITION_KIND", f"a `{kind}` condition takes nothing else", path, "move the other keys to their own condition")
    if kind == "document":
        if cond["document"] not in documents:
            ctx.add(
                "UNKNOWN_DOCUMENT",
                f"the condition names document `{cond['document']}`, which `documents` does not declare",
                [*path, "document"],
                _did_you_mean(cond["document"], documents),
            )
    elif kind == "not":
        _condition(ctx, cond["not"], [*path, "not"], numbers, documents, lo, hi)
    else:
        for i, sub in enumerate(cond[kind]):
            _condition(ctx, sub, [*path, kind, i], numbers, documents, lo, hi)


def _rules(
    ctx: _Ctx,
    domains: dict[str, int],
    aspects: dict[str, int],
    numbers: dict[int, int],
    documents: dict[str, int],
    lo: int,
    hi: int,
) -> dict[str, list[int]]:
    data = ctx.data
    resolved: dict[str, list[int]] = {}
    for i, rule in enumerate(data.get("rules", []) or []):
        path: list[str | int] = ["rules", i]
        if not lo <= rule["max_level"] <= hi:
            ctx.add(
                "LEVEL_OUT_OF_SCALE",
                f"rule `{rule['id']}` caps at level {rule['max_level']}, outside the scale {lo}..{hi}",
                [*path, "max_level"],
            )
        _condition(ctx, rule["unless"], [*path, "unless"], numbers, documents, lo, hi)
        if rule["kind"] == "requires":
            if rule.get("indicator") not in numbers:
                ctx.add(
                    "UNKNOWN_INDICATOR",
                    f"rule `{rule['id']}` names indicator {rule.get('indicator')}, which this ruleset does not have",
                    [*path, "indicator"],
                    _did_you_mean(rule.get("indicator"), numbers),
                )
                continue
            resolved[rule["id"]] = [rule["indicator"]]
            continue
        resolved[rule["id"]] = _targets(ctx, rule, path, domains, aspects, numbers)
    return resolved


def _targets(
    ctx: _Ctx,
    rule: Any,
    path: list[str | int],
    domains: dict[str, int],
    aspects: dict[str, int],
    numbers: dict[int, int],
) -> list[int]:
    data = ctx.data
    spec = rule["targets"]
    chosen: set[int] = set()
    tpath = [*path, "targets"]
    if isinstance(spec, list):
        for j, n in enumerate(spec):
            if n in numbers:
                chosen.add(n)
            else:
                ctx.add("UNKNOWN_INDICATOR", f"rule `{rule['id']}` targets indicator {n}, which this ruleset does not have", [*tpath, j], _did_you_mean(n, numbers))
    else:
        for j, d in enumerate(spec.get("domains", [])):
            if d not in domains:
                ctx.add("UNKNOWN_DOMAIN", f"rule `{rule['id']}` targets domain `{d}`, which is not declared", [*tpath, "domains", j], _did_you_mean(d, domains))
                continue
            asp_ids = {a["id"] for a in data["aspects"] if a.get("domain") == d}
            chosen.update(ind["number"] for ind in data["indicators"] if ind["aspect"] in asp_ids)
        for j, a in enumerate(spec.get("aspects", [])):
            if a not in aspects:
                ctx.add("UNKNOWN_ASPECT", f"rule `{rule['id']}` targets aspect `{a}`, which is not declared", [*tpath, "aspects", j], _did_you_mean(a, aspects))
                continue
            chosen.update(ind["number"] for ind in data["indicators"] if ind["aspect"] == a)
        for j, n in enumerate(spec.get("indicators", [])):
            if n in numbers:
                chosen.add(n)
            else:
                ctx.add("UNKNOWN_INDICATOR", f"rule `{rule['id']}` targets indicator {n}, which this ruleset does not have", [*tpath, "indicators", j], _did_you_mean(n, numbers))
        for j, n in enumerate(spec.get("except", [])):
            if n not in numbers:
                ctx.add("UNKNOWN_INDICATOR", f"rule `{rule['id']}` excepts indicator {n}, which this ruleset does not have", [*tpath, "except", j], _did_you_mean(n, numbers))
            chosen.discard(n)
    if not chosen:
        ctx.add(
            "EMPTY_TARGETS",
            f"rule `{rule['id']}` applies to no indicator",
            tpath,
            "list indicator numbers, or domains/aspects that keep at least one indicator after `except`",
        )
    return sorted(chosen)




