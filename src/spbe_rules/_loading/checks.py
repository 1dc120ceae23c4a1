"""Checks of meaning that a schema cannot express: ids, references, weight sums,
bands, level names, rule targets, conditions and rule cycles.

They run on the raw data (after the schema), so every problem names its line.
They also resolve rule targets into indicator numbers for the typed model.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, NamedTuple

from .._model.conditions import raw_kinds, walk_raw
from .._model.converter import exact_text, to_fraction
from .._base.errors import Problem
from .._base.messages import Msg
from .._base.text import did_you_mean
from .merge import KEYED_LISTS
from .requirement_checks import check_requirements
from .source import locate
from .check_context import _Ctx
from .checks_cycles import _cycles, _document_cycles

__all__ = ["RulesetChecked", "check_ruleset"]


def _frac(value: Any) -> Fraction:
    return to_fraction(value)


def _num(value: Fraction) -> str:
    return exact_text(value)


class RulesetChecked(NamedTuple):
    """The problems a ruleset's meaning checks found, and each rule's targets resolved to indicator numbers (by rule id)."""

    problems: list[Problem]
    targets: dict[str, list[int]]


def check_ruleset(data: Any, name: str) -> RulesetChecked:
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
    _indicator_values(ctx, scale_min, scale_max)
    _stages(ctx)
    documents = {d["key"]: i for i, d in enumerate(data.get("documents", []) or [])}
    for i, doc in enumerate(data.get("documents", []) or []):
        if "implied_by" in doc:
            _condition(ctx, doc["implied_by"], ["documents", i, "implied_by"], numbers, documents, scale_min, scale_max)
    _document_cycles(ctx)
    targets = _rules(ctx, domains, aspects, numbers, documents, scale_min, scale_max)
    check_requirements(ctx, scale_min, scale_max, set(numbers), [s.get("id") for s in data.get("stages", []) or []])
    if not ctx.problems:
        _cycles(ctx, targets)
    return RulesetChecked(ctx.problems, targets)


def _unique_keys(ctx: _Ctx) -> None:
    for list_name, field in KEYED_LISTS.items():
        seen: dict[Any, int] = {}
        for i, item in enumerate(ctx.data.get(list_name, []) or []):
            key = item.get(field)
            if key in seen:
                first = locate(ctx.data, [list_name, seen[key]], ctx.name)
                ctx.problem("DUPLICATE_ID", [list_name, i, field], list=list_name, key=key, line=first.line, field=field)
            else:
                seen[key] = i
    caps: set[str] = set()
    for i, cap in enumerate(ctx.data["scale"].get("capabilities", [])):
        if cap["id"] in caps:
            ctx.problem("DUPLICATE_ID.capability", ["scale", "capabilities", i, "id"], capability=cap["id"])
        caps.add(cap["id"])
    names: set[str] = set()
    for i, band in enumerate(ctx.data["predikat"]["bands"]):
        if band["name"] in names:
            ctx.problem("DUPLICATE_ID.band", ["predikat", "bands", i, "name"], name=band["name"])
        names.add(band["name"])


def _citations(ctx: _Ctx, node: Any, path: list[str | int], source_ids: set[Any]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            sub = [*path, key]
            if key in ("citation", "legal_basis") and isinstance(value, dict) and "source" in value:
                if value["source"] not in source_ids:
                    ctx.problem(
                        "UNKNOWN_SOURCE",
                        [*sub, "source"],
                        hint=did_you_mean(value["source"], sorted(str(s) for s in source_ids)),
                        source=value["source"],
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
        ctx.problem("SCALE", ["scale", "max"], min=lo, max=hi)
        return lo, max(lo, hi)
    for i, cap in enumerate(scale["capabilities"]):
        levels = {int(k) for k in cap["levels"]}
        missing = sorted(set(range(lo, hi + 1)) - levels)
        extra = sorted(levels - set(range(lo, hi + 1)))
        if missing:
            ctx.problem("LEVEL_NAMES", ["scale", "capabilities", i, "levels"], capability=cap["id"], levels=missing, min=lo, max=hi)
        for level in extra:
            ctx.problem("LEVEL_OUT_OF_SCALE.capability", ["scale", "capabilities", i, "levels", str(level)], capability=cap["id"], level=level, min=lo, max=hi)
    return lo, hi


def _structure_refs(ctx: _Ctx, domains: dict[str, int], aspects: dict[str, int], lo: int, hi: int) -> None:
    data = ctx.data
    has_domains = bool(data.get("domains"))
    for i, asp in enumerate(data["aspects"]):
        if has_domains:
            if "domain" not in asp:
                ctx.problem("REQUIRED.domain", ["aspects", i], aspect=asp["id"])
            elif asp["domain"] not in domains:
                ctx.problem("UNKNOWN_DOMAIN", ["aspects", i, "domain"], hint=did_you_mean(asp["domain"], domains), aspect=asp["id"], domain=asp["domain"])
        elif "domain" in asp:
            ctx.problem("UNKNOWN_DOMAIN.none", ["aspects", i, "domain"], aspect=asp["id"], domain=asp["domain"])
    caps = {c["id"] for c in data["scale"]["capabilities"]}
    for i, ind in enumerate(data["indicators"]):
        if ind["aspect"] not in aspects:
            ctx.problem("UNKNOWN_ASPECT", ["indicators", i, "aspect"], hint=did_you_mean(ind["aspect"], aspects), number=ind["number"], aspect=ind["aspect"])
        if ind["capability"] not in caps:
            ctx.problem(
                "UNKNOWN_CAPABILITY",
                ["indicators", i, "capability"],
                hint=did_you_mean(ind["capability"], caps),
                number=ind["number"],
                capability=ind["capability"],
            )
        levels = {int(k) for k in ind["criteria"]}
        for level in sorted(levels - set(range(lo, hi + 1))):
            ctx.problem("LEVEL_OUT_OF_SCALE.criteria", ["indicators", i, "criteria", str(level)], number=ind["number"], level=level, min=lo, max=hi)
        missing = sorted(set(range(lo, hi + 1)) - levels)
        if missing:
            ctx.problem("CRITERIA_LEVELS", ["indicators", i, "criteria"], number=ind["number"], levels=missing, min=lo, max=hi)
    used_aspects = {ind["aspect"] for ind in data["indicators"]}
    for i, asp in enumerate(data["aspects"]):
        if asp["id"] not in used_aspects:
            ctx.problem("EMPTY_ASPECT", ["aspects", i], aspect=asp["id"])
    used_domains = {a.get("domain") for a in data["aspects"]}
    for i, dom in enumerate(data.get("domains", []) or []):
        if dom["id"] not in used_domains:
            ctx.problem("EMPTY_DOMAIN", ["domains", i], domain=dom["id"])


def _weights(ctx: _Ctx, domains: dict[str, int], aspects: dict[str, int]) -> None:
    data = ctx.data
    for list_name in ("domains", "aspects", "indicators"):
        for i, item in enumerate(data.get(list_name, []) or []):
            if _frac(item["weight"]) <= 0:
                ctx.problem("ZERO_WEIGHT", [list_name, i, "weight"], what=Msg(f"item.{list_name}"), id=item.get("id", item.get("number")))
    per_aspect: dict[str, Fraction] = {a: Fraction(0) for a in aspects}
    for ind in data["indicators"]:
        if ind["aspect"] in per_aspect:
            per_aspect[ind["aspect"]] += _frac(ind["weight"])
    for a_id, i in aspects.items():
        asp = data["aspects"][i]
        want = _frac(asp["weight"])
        got = per_aspect[a_id]
        if got and got != want:
            ctx.problem("WEIGHT_SUM", ["aspects", i, "weight"], aspect=a_id, total=_num(got), weight=_num(want))
    if data.get("domains"):
        per_domain: dict[str, Fraction] = {d: Fraction(0) for d in domains}
        for asp in data["aspects"]:
            if asp.get("domain") in per_domain:
                per_domain[asp["domain"]] += _frac(asp["weight"])
        for d_id, i in domains.items():
            want = _frac(data["domains"][i]["weight"])
            got = per_domain[d_id]
            if got and got != want:
                ctx.problem("WEIGHT_SUM.domain", ["domains", i, "weight"], domain=d_id, total=_num(got), weight=_num(want))
        top = sum((_frac(d["weight"]) for d in data["domains"]), Fraction(0))
        what = "domains"
    else:
        top = sum((_frac(a["weight"]) for a in data["aspects"]), Fraction(0))
        what = "aspects"
    total = _frac(data["total_weight"])
    if top != total:
        ctx.problem("WEIGHT_SUM.total", ["total_weight"], what=Msg(f"items.{what}"), total=_num(top), weight=_num(total))


def _bands(ctx: _Ctx, lo: int, hi: int) -> None:
    bands = ctx.data["predikat"]["bands"]
    order = sorted(range(len(bands)), key=lambda i: (_frac(bands[i]["from"]), _frac(bands[i]["to"])))
    if order != list(range(len(bands))):
        ctx.problem("BAND_ORDER", ["predikat", "bands"])
    for i, band in enumerate(bands):
        if _frac(band["from"]) >= _frac(band["to"]):
            ctx.problem("BAND_EMPTY", ["predikat", "bands", i, "to"], name=band["name"], start=band["from"], end=band["to"])
    for prev_i, next_i in zip(order, order[1:]):
        prev, nxt = bands[prev_i], bands[next_i]
        end, start = _frac(prev["to"]), _frac(nxt["from"])
        end_txt, start_txt = str(prev["to"]), str(nxt["from"])  # as written in the file
        if end < start:
            ctx.problem("BAND_GAP", ["predikat", "bands", next_i, "from"], end=end_txt, start=start_txt, prev=prev["name"], next=nxt["name"])
        elif end > start:
            ctx.problem("BAND_OVERLAP", ["predikat", "bands", next_i, "from"], end=end_txt, start=start_txt, prev=prev["name"], next=nxt["name"])
    if bands:
        first, last = bands[order[0]], bands[order[-1]]
        if _frac(first["from"]) > lo:
            ctx.problem("BAND_RANGE.low", ["predikat", "bands", order[0], "from"], start=first["from"], min=lo, name=first["name"])
        if _frac(last["to"]) < hi:
            ctx.problem("BAND_RANGE.high", ["predikat", "bands", order[-1], "to"], end=last["to"], max=hi, name=last["name"])
        for i, band in enumerate(bands):
            if _frac(band["from"]) < lo or _frac(band["to"]) > hi:
                if band is first and _frac(band["from"]) < lo or band is last and _frac(band["to"]) > hi:
                    ctx.problem("BAND_RANGE", ["predikat", "bands", i], name=band["name"], min=lo, max=hi)


def _indicator_values(ctx: _Ctx, lo: int, hi: int) -> None:
    """Sub-levels (a count range) and external scores (contiguous bands inside min..max, values on the scale)."""
    for i, ind in enumerate(ctx.data["indicators"]):
        sub, ext, number = ind.get("sub_levels"), ind.get("external"), ind["number"]
        if sub is not None and ext is not None:
            ctx.add("INDICATOR_VALUE", Msg("INDICATOR_VALUE", number=number), ["indicators", i, "external"], Msg("INDICATOR_VALUE.hint"))
        if sub is not None and sub["min"] > sub["max"]:
            ctx.add(
                "SUB_LEVELS_RANGE",
                Msg("SUB_LEVELS_RANGE", number=number, min=sub["min"], max=sub["max"]),
                ["indicators", i, "sub_levels", "max"],
                Msg("SUB_LEVELS_RANGE.hint"),
            )
        if ext is None:
            continue
        path: list[str | int] = ["indicators", i, "external"]
        smin, smax = _frac(ext["min"]), _frac(ext["max"])
        if smin >= smax:
            ctx.add("SCORE_RANGE", Msg("SCORE_RANGE", number=number, min=ext["min"], max=ext["max"]), [*path, "max"], Msg("SCORE_RANGE.hint"))
            continue
        bands = ext["bands"]
        edge = smin
        for j, band in enumerate(bands):
            start, end, value = _frac(band["from"]), _frac(band["to"]), _frac(band["value"])
            where: list[str | int] = [*path, "bands", j]
            if start != edge:
                key = "SCORE_BAND_GAP" if start > edge else "SCORE_BAND_OVERLAP"
                ctx.add(
                    key,
                    Msg(key, number=number, lower=_num(min(start, edge)), upper=_num(max(start, edge))),
                    [*where, "from"],
                    Msg(f"{key}.hint", edge=_num(edge)),
                )
            if end <= start:
                ctx.add(
                    "SCORE_BAND_EMPTY",
                    Msg("SCORE_BAND_EMPTY", number=number, lower=band["from"], upper=band["to"]),
                    [*where, "to"],
                    Msg("SCORE_BAND_EMPTY.hint"),
                )
            if not lo <= value <= hi:
                ctx.add(
                    "LEVEL_OUT_OF_SCALE",
                    Msg("LEVEL_OUT_OF_SCALE.score_band", number=number, value=band["value"], min=lo, max=hi),
                    [*where, "value"],
                    Msg("LEVEL_OUT_OF_SCALE.score_band.hint", min=lo, max=hi),
                )
            edge = end
        if bands and edge != smax:
            ctx.add(
                "SCORE_BAND_GAP",
                Msg("SCORE_BAND_GAP.end", number=number, edge=_num(edge), max=ext["max"]),
                [*path, "bands", len(bands) - 1, "to"],
                Msg("SCORE_BAND_GAP.end.hint", max=ext["max"]),
            )


def _stages(ctx: _Ctx) -> None:
    stages = ctx.data.get("stages", []) or []
    for i, st in enumerate(stages):
        if st.get("kind") != "review":
            continue
        if i == 0:
            ctx.add("REVIEW_STAGE_LAST", Msg("REVIEW_STAGE_LAST.first", stage=st["id"]), ["stages", i, "kind"], Msg("REVIEW_STAGE_LAST.first.hint"))
        elif i != len(stages) - 1:
            ctx.add("REVIEW_STAGE_LAST", Msg("REVIEW_STAGE_LAST", stage=st["id"]), ["stages", i, "kind"], Msg("REVIEW_STAGE_LAST.hint"))


def _condition(
    ctx: _Ctx,
    cond: Any,
    path: list[str | int],
    numbers: dict[int, int],
    documents: dict[str, int],
    lo: int,
    hi: int,
) -> None:
    """Every node of a condition (the one walker's file form): exactly one kind, and what it names exists."""
    for sub_path, node in walk_raw(cond):
        where = [*path, *sub_path]
        kinds = raw_kinds(node)
        if len(kinds) != 1:
            found: object = ", ".join(f"`{k}`" for k in node) or Msg("nothing")
            ctx.problem("CONDITION_KIND", where, found=found)
            continue
        kind = kinds[0].key
        if kind == "indicator":
            extra = [k for k in node if k not in ("indicator", "at_least")]
            if "at_least" not in node or extra:
                ctx.problem("CONDITION_KIND.indicator", where)
            if node["indicator"] not in numbers:
                ctx.problem("UNKNOWN_INDICATOR.condition", [*where, "indicator"], hint=did_you_mean(node["indicator"], numbers), number=node["indicator"])
            if "at_least" in node and not lo <= node["at_least"] <= hi:
                ctx.problem("LEVEL_OUT_OF_SCALE.at_least", [*where, "at_least"], level=node["at_least"], min=lo, max=hi)
            continue
        if len(node) != 1:
            ctx.problem("CONDITION_KIND.alone", where, kind=kind)
        if kind == "document" and node["document"] not in documents:
            ctx.problem("UNKNOWN_DOCUMENT.condition", [*where, "document"], hint=did_you_mean(node["document"], documents), document=node["document"])


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
            ctx.problem("LEVEL_OUT_OF_SCALE.cap", [*path, "max_level"], rule=rule["id"], level=rule["max_level"], min=lo, max=hi)
        _condition(ctx, rule["unless"], [*path, "unless"], numbers, documents, lo, hi)
        if rule["kind"] == "requires":
            if rule.get("indicator") not in numbers:
                ctx.problem(
                    "UNKNOWN_INDICATOR.rule",
                    [*path, "indicator"],
                    hint=did_you_mean(rule.get("indicator"), numbers),
                    rule=rule["id"],
                    number=rule.get("indicator"),
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
                ctx.problem("UNKNOWN_INDICATOR.target", [*tpath, j], hint=did_you_mean(n, numbers), rule=rule["id"], number=n)
    else:
        for j, d in enumerate(spec.get("domains", [])):
            if d not in domains:
                ctx.problem("UNKNOWN_DOMAIN.target", [*tpath, "domains", j], hint=did_you_mean(d, domains), rule=rule["id"], domain=d)
                continue
            asp_ids = {a["id"] for a in data["aspects"] if a.get("domain") == d}
            chosen.update(ind["number"] for ind in data["indicators"] if ind["aspect"] in asp_ids)
        for j, a in enumerate(spec.get("aspects", [])):
            if a not in aspects:
                ctx.problem("UNKNOWN_ASPECT.target", [*tpath, "aspects", j], hint=did_you_mean(a, aspects), rule=rule["id"], aspect=a)
                continue
            chosen.update(ind["number"] for ind in data["indicators"] if ind["aspect"] == a)
        for j, n in enumerate(spec.get("indicators", [])):
            if n in numbers:
                chosen.add(n)
            else:
                ctx.problem("UNKNOWN_INDICATOR.target", [*tpath, "indicators", j], hint=did_you_mean(n, numbers), rule=rule["id"], number=n)
        for j, n in enumerate(spec.get("except", [])):
            if n not in numbers:
                ctx.problem("UNKNOWN_INDICATOR.except", [*tpath, "except", j], hint=did_you_mean(n, numbers), rule=rule["id"], number=n)
            chosen.discard(n)
    if not chosen:
        ctx.problem("EMPTY_TARGETS", tpath, rule=rule["id"])
    return sorted(chosen)
