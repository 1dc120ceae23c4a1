"""Reading a crosswalk file (``format: spbe-rules/crosswalk@1``): the form (JSON Schema), then
its meaning against the two installed rulesets it links; every problem with file:line."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from .._base.errors import Location, Problem, ValidationError
from .._base.messages import Msg
from .._base.resources import data_dir
from .._model.converter import to_fraction
from .._model.crosswalk import Crosswalk, CrosswalkLink, NotCarried, Unmapped
from .._model.model import Citation, SourceInfo
from .check_context import _Ctx
from .load import load_ruleset
from .registry import installed_paths
from .schema import schema_problems
from .source import PosDict, read_source

__all__ = ["CROSSWALK_FORMAT", "CrosswalkError", "DEFAULT_CROSSWALK", "load_crosswalk"]

CROSSWALK_FORMAT = "spbe-rules/crosswalk@1"
DEFAULT_CROSSWALK = "59-2020-ke-8-2026"


class CrosswalkError(ValidationError):
    """A crosswalk file is not valid (every problem with its file:line)."""


def _path(ref: str | os.PathLike[str]) -> Path:
    text = str(ref)
    if isinstance(ref, os.PathLike) or any(c in text for c in "/\\") or text.endswith((".yaml", ".yml", ".json")):
        return Path(ref)
    return Path(str(data_dir("rulesets") / "crosswalk" / f"{text}.yaml"))


def load_crosswalk(ref: str | os.PathLike[str] = DEFAULT_CROSSWALK) -> Crosswalk:
    """Read a crosswalk (an installed name such as ``59-2020-ke-8-2026``, or a file path) and check
    it against both rulesets: known indicators, every new indicator linked or declared unmapped
    exactly once, every old indicator used or declared not carried, citations to declared sources."""
    path = _path(ref)
    src = read_source(path, what="crosswalk", error=CrosswalkError)
    data, name = src.data, src.name
    if not isinstance(data, PosDict):
        raise CrosswalkError(Msg("head.crosswalk_invalid"), [Problem.of("TYPE.crosswalk", Location(name, 1, 1))])
    problems = schema_problems("crosswalk", data, name)
    if problems:
        raise CrosswalkError(Msg("head.crosswalk_invalid"), problems)
    ctx = _Ctx(data, name)
    numbers: dict[str, set[int]] = {}
    for side in ("from", "to"):
        rid = data[side]
        if rid not in installed_paths():
            ctx.problem("CROSSWALK_RULESET", [side], ruleset=rid)
        else:
            numbers[side] = set(load_ruleset(rid).numbers)
    source_ids = {s["id"] for s in data["sources"]}
    if not ctx.problems:
        _check(ctx, data, numbers["from"], numbers["to"], source_ids)
    if ctx.problems:
        raise CrosswalkError(Msg("head.crosswalk_invalid"), ctx.problems)
    return Crosswalk(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        status=data["status"],
        from_ruleset=data["from"],
        to_ruleset=data["to"],
        sources=tuple(
            SourceInfo(s["id"], s["title"], s["kind"], confidence=s.get("confidence"), url=s.get("url"), note=s.get("note")) for s in data["sources"]
        ),
        spread={k: to_fraction(v) for k, v in data["spread"].items()},
        links=tuple(
            CrosswalkLink(
                lk["to"],
                tuple(lk["from"]),
                lk["confidence"],
                " ".join(lk["basis"].split()),
                Citation(lk["citation"]["source"], lk["citation"]["section"], lk["citation"].get("note")),
            )
            for lk in data["links"]
        ),
        unmapped=tuple(Unmapped(u["to"], " ".join(u["reason"].split())) for u in data["unmapped"]),
        not_carried=tuple(NotCarried(tuple(n["from"]), " ".join(n["reason"].split())) for n in data["not_carried"]),
        reason=data.get("reason"),
        spread_reason=data.get("spread_reason"),
        description=data.get("description"),
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        origin=str(path),
    )


def _check(ctx: _Ctx, data: Any, old: set[int], new: set[int], source_ids: set[str]) -> None:
    seen_to: dict[int, list[str | int]] = {}
    used_from: set[int] = set()
    for kind, items in (("links", data["links"]), ("unmapped", data["unmapped"])):
        for i, item in enumerate(items):
            to = item["to"]
            if to not in new:
                ctx.problem("CROSSWALK_UNKNOWN_INDICATOR", [kind, i, "to"], number=to, ruleset=data["to"])
            elif to in seen_to:
                ctx.problem("CROSSWALK_DUPLICATE", [kind, i, "to"], number=to, ruleset=data["to"])
            else:
                seen_to[to] = [kind, i]
            if kind == "links":
                for j, n in enumerate(item["from"]):
                    if n not in old:
                        ctx.problem("CROSSWALK_UNKNOWN_INDICATOR", [kind, i, "from", j], number=n, ruleset=data["from"])
                    used_from.add(n)
                if item["citation"]["source"] not in source_ids:
                    ctx.problem("UNKNOWN_SOURCE", [kind, i, "citation", "source"], source=item["citation"]["source"])
    for i, item in enumerate(data["not_carried"]):
        for j, n in enumerate(item["from"]):
            if n not in old:
                ctx.problem("CROSSWALK_UNKNOWN_INDICATOR", ["not_carried", i, "from", j], number=n, ruleset=data["from"])
            elif n in used_from:
                ctx.problem("CROSSWALK_DUPLICATE.not_carried", ["not_carried", i, "from", j], number=n)
    missing_to = sorted(new - set(seen_to))
    if missing_to:
        ctx.problem("CROSSWALK_INCOMPLETE", ["links"], numbers=", ".join(map(str, missing_to)), ruleset=data["to"])
    carried = used_from | {n for item in data["not_carried"] for n in item["from"]}
    missing_from = sorted(old - carried)
    if missing_from:
        ctx.problem("CROSSWALK_INCOMPLETE.from", ["not_carried"], numbers=", ".join(map(str, missing_from)), ruleset=data["from"])
