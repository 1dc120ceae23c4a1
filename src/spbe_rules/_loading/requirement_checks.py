"""Checks of the requirement items, evidence kinds and evidence policy of a ruleset.

Run on the raw data after the schema, so every problem names its line: unique ids,
ids that name their indicator and level, every level of the scale present, kinds
declared, ``after`` references that resolve to a lower level of the same indicator,
units of age, cited pages within the source, the policy's stage and dates.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from .._model.requirements import AGE_UNITS

__all__ = ["check_requirements"]

Add = Callable[[str, str, Iterable[str | int], "str | None"], None]


def _guess(value: object, options: Iterable[object]) -> str:
    opts = sorted(str(o) for o in options)
    guess = difflib.get_close_matches(str(value), opts, n=1, cutoff=0.5)
    if guess:
        return f"did you mean `{guess[0]}`?"
    shown = ", ".join(opts[:12]) + (", ..." if len(opts) > 12 else "")
    return f"known: {shown}" if opts else "none is declared"


def _need(add: Add, need: Any, path: list[str | int], kinds: set[str]) -> None:
    if not isinstance(need, dict):
        return
    kind = need.get("kind")
    if kind is not None and kind not in kinds:
        add(
            "UNKNOWN_EVIDENCE_KIND",
            f"evidence kind `{kind}` is not declared in `evidence_kinds`",
            [*path, "kind"],
            _guess(kind, kinds) + "; a new kind is declared under evidence_kinds with a name in id and en",
        )
    age = need.get("max_age")
    if isinstance(age, dict):
        for unit in age:
            if unit not in AGE_UNITS:
                add(
                    "AGE_UNIT",
                    f"`{unit}` is not a unit of age",
                    [*path, "max_age", unit],
                    "write the age in one of years, months, days, e.g. {years: 2}"
                    + (f"; did you mean `{g[0]}`?" if (g := difflib.get_close_matches(str(unit), AGE_UNITS, n=1, cutoff=0.4)) else ""),
                )


def check_requirements(data: Any, add: Add, scale_min: int, scale_max: int, numbers: set[int], stages: list[str]) -> None:
    """Add every problem of the requirement parts of ``data`` through ``add``."""
    kinds = set(data.get("evidence_kinds") or {})
    pages = {s.get("id"): s.get("pages") for s in data.get("sources") or [] if isinstance(s, dict)}
    seen: dict[str, list[str | int]] = {}
    where: dict[str, tuple[int, int]] = {}
    position: dict[str, int] = {}
    afters: list[tuple[str, str, int, int, list[str | int]]] = []
    requirements = data.get("requirements") or {}
    for num_key, levels in requirements.items():
        n = int(num_key)
        if n not in numbers:
            add("UNKNOWN_INDICATOR", f"requirements are given for indicator {n}, which this ruleset does not have", ["requirements", num_key], _guess(n, numbers))
        given = {int(k) for k in levels}
        absent = [lv for lv in range(scale_min, scale_max + 1) if lv not in given]
        if absent:
            add(
                "REQUIREMENTS_INCOMPLETE",
                f"indicator {n} has requirement items for some levels but none for level{'s' if len(absent) > 1 else ''} "
                + ", ".join(str(a) for a in absent),
                ["requirements", num_key],
                "give every level of the scale at least one item; a level that needs no evidence gets one item with optional: true",
            )
        for lv_key, items in levels.items():
            lv = int(lv_key)
            if not scale_min <= lv <= scale_max:
                add("LEVEL_OUT_OF_SCALE", f"indicator {n} has requirement items for level {lv}, outside the scale {scale_min}..{scale_max}", ["requirements", num_key, lv_key], f"use levels {scale_min} to {scale_max}")
            for i, item in enumerate(items):
                path: list[str | int] = ["requirements", num_key, lv_key, i]
                rid = item["id"]
                if rid in seen:
                    add("DUPLICATE_REQUIREMENT", f"requirement id `{rid}` is used twice", [*path, "id"], "give each requirement item its own id; the first use is at " + ".".join(str(p) for p in seen[rid]))
                else:
                    seen[rid] = path
                    where[rid] = (n, lv)
                    position[rid] = len(position)
                prefix = f"{n}.{lv}."
                if not rid.startswith(prefix):
                    add("REQUIREMENT_ID", f"requirement id `{rid}` does not name its indicator and level", [*path, "id"], f"start it with `{prefix}`, e.g. `{prefix}{rid.rsplit('.', 1)[-1]}`")
                cit = item.get("citation") or {}
                limit = pages.get(cit.get("source"))
                if isinstance(limit, int) and isinstance(cit.get("page"), int) and cit["page"] > limit:
                    add("PAGE_OUT_OF_RANGE", f"page {cit['page']} is cited, but source `{cit['source']}` has {limit} pages", [*path, "citation", "page"], f"cite a page from 1 to {limit}")
                need = item.get("evidence")
                _need(add, need, [*path, "evidence"], kinds)
                if isinstance(need, dict) and "after" in need:
                    afters.append((rid, need["after"], n, lv, [*path, "evidence", "after"]))
    for rid, target, n, lv, path in afters:
        earlier = target in where and (where[target][1] < lv or (where[target][1] == lv and position[target] < position.get(rid, -1)))
        if target not in where:
            add("UNKNOWN_REQUIREMENT", f"`after` names requirement `{target}`, which this ruleset does not have", path, _guess(target, [r for r, (tn, _) in where.items() if tn == n]))
        elif where[target][0] != n or not earlier:
            add(
                "AFTER_ORDER",
                f"requirement `{rid}` (indicator {n}, level {lv}) must follow `{target}`, which is not an earlier item of the same indicator",
                path,
                "`after` names an item of the same indicator at a lower level, or listed before it in the same level",
            )
    for num_key in data.get("requirements_unavailable") or {}:
        n = int(num_key)
        if n not in numbers:
            add("UNKNOWN_INDICATOR", f"requirements_unavailable names indicator {n}, which this ruleset does not have", ["requirements_unavailable", num_key], _guess(n, numbers))
        if num_key in requirements:
            add("REQUIREMENTS_CONFLICT", f"indicator {n} is given requirement items and also listed as having none", ["requirements_unavailable", num_key], "remove it from requirements_unavailable or from requirements")
    for i, doc in enumerate(data.get("documents") or []):
        if isinstance(doc, dict) and "evidence" in doc:
            _need(add, doc["evidence"], ["documents", i, "evidence"], kinds)
            if isinstance(doc["evidence"], dict) and "after" in doc["evidence"]:
                add("NOT_ALLOWED", "a document's evidence cannot be ordered `after` a requirement", ["documents", i, "evidence", "after"], "remove `after`")
    policy = data.get("evidence_policy")
    if isinstance(policy, dict):
        stage = policy.get("supported_from")
        if stage not in stages:
            add("UNKNOWN_STAGE", f"evidence_policy.supported_from names stage `{stage}`, which this ruleset does not declare", ["evidence_policy", "supported_from"], _guess(stage, stages))
        for year, text in (policy.get("evaluation_dates") or {}).items():
            try:
                date.fromisoformat(text)
            except ValueError:
                add("BAD_DATE", f"`{text}` is not a calendar date", ["evidence_policy", "evaluation_dates", year], "write the date as YYYY-MM-DD, e.g. 2024-07-09")
    elif requirements and policy is None:
        add("REQUIRED", "`evidence_policy` is missing: a ruleset with requirement items must say how evidence is weighed", ["requirements"], "add evidence_policy: {supported_from: ..., without_stage: ..., unreviewed: ..., at_age_limit: ...}")
