"""Checks of the requirement items, evidence kinds and evidence policy of a ruleset.

Run on the raw data after the schema, so every problem names its line: unique ids,
ids that name their indicator and level, every level of the scale present, kinds
declared, ``after`` references that resolve to an earlier item of the same indicator,
units of age, cited pages within the source, the policy's stage and dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from .._base.errors import Problem
from .._base.messages import Msg
from .._base.text import did_you_mean
from .._model.requirements import AGE_UNITS
from .check_context import _Ctx
from .source import locate

__all__ = ["check_requirements"]


class _Add:
    def __init__(self, ctx: _Ctx) -> None:
        self.ctx = ctx

    def __call__(self, key: str, path: Iterable[str | int], hint: Msg | None = None, **params: object) -> None:
        self.ctx.problems.append(Problem.of(key, locate(self.ctx.data, list(path), self.ctx.name), hint=hint, **params))


def _need(add: _Add, need: Any, path: list[str | int], kinds: set[str]) -> None:
    if not isinstance(need, dict):
        return
    kind = need.get("kind")
    if kind is not None and kind not in kinds:
        add("UNKNOWN_EVIDENCE_KIND", [*path, "kind"], Msg("UNKNOWN_EVIDENCE_KIND.hint", guess=did_you_mean(kind, sorted(kinds))), kind=kind)
    age = need.get("max_age")
    if isinstance(age, dict):
        for unit in age:
            if unit not in AGE_UNITS:
                add("AGE_UNIT", [*path, "max_age", unit], unit=unit)


def check_requirements(ctx: _Ctx, scale_min: int, scale_max: int, numbers: set[int], stages: list[str]) -> None:
    """Add every problem of the requirement parts of ``ctx.data`` to ``ctx.problems``."""
    data = ctx.data
    add = _Add(ctx)
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
            add("UNKNOWN_INDICATOR.requirements", ["requirements", num_key], did_you_mean(n, sorted(map(str, numbers))), n=n)
        given = {int(k) for k in levels}
        absent = [lv for lv in range(scale_min, scale_max + 1) if lv not in given]
        if absent:
            add("REQUIREMENTS_INCOMPLETE", ["requirements", num_key], n=n, missing=", ".join(str(a) for a in absent))
        for lv_key, items in levels.items():
            lv = int(lv_key)
            if not scale_min <= lv <= scale_max:
                add("LEVEL_OUT_OF_SCALE.requirements", ["requirements", num_key, lv_key], n=n, lv=lv, lo=scale_min, hi=scale_max)
            for i, item in enumerate(items):
                path: list[str | int] = ["requirements", num_key, lv_key, i]
                rid = item["id"]
                if rid in seen:
                    add("DUPLICATE_REQUIREMENT", [*path, "id"], id=rid, first=".".join(str(p) for p in seen[rid]))
                else:
                    seen[rid] = path
                    where[rid] = (n, lv)
                    position[rid] = len(position)
                prefix = f"{n}.{lv}."
                if not rid.startswith(prefix):
                    add("REQUIREMENT_ID", [*path, "id"], id=rid, prefix=prefix, example=prefix + rid.rsplit(".", 1)[-1])
                cit = item.get("citation") or {}
                limit = pages.get(cit.get("source"))
                if isinstance(limit, int) and isinstance(cit.get("page"), int) and cit["page"] > limit:
                    add("PAGE_OUT_OF_RANGE", [*path, "citation", "page"], page=cit["page"], source=cit["source"], pages=limit)
                need = item.get("evidence")
                _need(add, need, [*path, "evidence"], kinds)
                if isinstance(need, dict) and "after" in need:
                    afters.append((rid, need["after"], n, lv, [*path, "evidence", "after"]))
    for rid, target, n, lv, path in afters:
        if target not in where:
            add("UNKNOWN_REQUIREMENT.after", path, did_you_mean(target, sorted(r for r, (tn, _) in where.items() if tn == n)), id=target)
            continue
        earlier = where[target][1] < lv or (where[target][1] == lv and position[target] < position.get(rid, -1))
        if where[target][0] != n or not earlier:
            add("AFTER_ORDER", path, id=rid, n=n, lv=lv, target=target)
    for num_key in data.get("requirements_unavailable") or {}:
        n = int(num_key)
        if n not in numbers:
            add("UNKNOWN_INDICATOR.unavailable", ["requirements_unavailable", num_key], did_you_mean(n, sorted(map(str, numbers))), n=n)
        if num_key in requirements:
            add("REQUIREMENTS_CONFLICT", ["requirements_unavailable", num_key], n=n)
    for i, doc in enumerate(data.get("documents") or []):
        if isinstance(doc, dict) and "evidence" in doc:
            _need(add, doc["evidence"], ["documents", i, "evidence"], kinds)
            if isinstance(doc["evidence"], dict) and "after" in doc["evidence"]:
                add("NOT_ALLOWED.document_after", ["documents", i, "evidence", "after"])
    policy = data.get("evidence_policy")
    if isinstance(policy, dict):
        stage = policy.get("supported_from")
        if stage not in stages:
            add("UNKNOWN_STAGE.policy", ["evidence_policy", "supported_from"], did_you_mean(stage, sorted(stages)), stage=stage)
        for year, text in (policy.get("evaluation_dates") or {}).items():
            try:
                date.fromisoformat(text)
            except ValueError:
                add("BAD_DATE", ["evidence_policy", "evaluation_dates", year], text=text, example="2024-07-09")
    elif requirements and policy is None:
        add("REQUIRED.evidence_policy", ["requirements"])
