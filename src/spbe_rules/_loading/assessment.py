"""Assessments: the levels an institution was given, read from a file or a mapping.

Reading checks the form (schema); :func:`check_against` checks the assessment
against a ruleset (known indicators, levels within the scale, complete levels,
known stages and documents), naming the line of every problem.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal

from attrs import field, frozen

from .._base.links import docs_url
from .._base.messages import Msg
from .._base.numbers import number_problem, problem_of
from .._base.errors import AssessmentError, Location, Problem
from .._model.model import Ruleset
from .evidence import EvidenceItem, check_evidence, parse_evidence
from .schema import schema_problems
from .source import PosDict, PosList, locate, read_source
from .._base.text import number_ranges
import difflib

__all__ = ["Assessment", "MissingPolicy", "StageLevels", "check_against", "load_assessment", "parse_assessment"]

MissingPolicy = Literal["error", "lowest"]


@frozen
class StageLevels:
    """Levels given in one stage (``id`` is None for an assessment without stages)."""

    id: str | None
    levels: Mapping[int, int]


@frozen
class Assessment:
    """An institution's levels for one evaluation, possibly over several stages."""

    instansi: str
    year: int
    stages: tuple[StageLevels, ...]
    ruleset: str | None = None
    documents: Mapping[str, bool] = field(factory=dict)
    note: str | None = None
    staged: bool = False  # True when written with `stages:`, False for plain `levels:`
    evidence: tuple[EvidenceItem, ...] | None = None  # None: the assessment gives no `evidence:` (claimed levels only)
    evaluated_on: str | None = None
    source: str = field(default="<input>", eq=False)
    raw: Any = field(default=None, eq=False, repr=False)  # the data as read, for error positions

    @property
    def levels(self) -> dict[int, int]:
        """The final submitted level of every indicator given (later stages override earlier ones)."""
        out: dict[int, int] = {}
        for st in self.stages:
            out.update(st.levels)
        return out

    def location(self, *path: str | int) -> Location:
        return locate(self.raw, list(path), self.source)

    @classmethod
    def from_levels(
        cls,
        levels: Mapping[int, int],
        *,
        instansi: str = "-",
        year: int = 2024,
        ruleset: str | None = None,
        documents: Mapping[str, bool] | None = None,
        stage: str | None = None,
    ) -> Assessment:
        """Build an assessment in code (validated like a file)."""
        data: dict[str, Any] = {"instansi": instansi, "year": year, "levels": dict(levels)}
        if ruleset is not None:
            data["ruleset"] = ruleset
        if documents:
            data["documents"] = dict(documents)
        if stage is not None:
            data["stage"] = stage
        return parse_assessment(data)


def _plain(value: Any, path: str, problems: list[Problem], name: str, depth: int = 0) -> Any:
    """Bring a mapping built in code into the shape files are read into (text keys, exact numbers)."""
    if depth > 32:
        problems.append(Problem("TOO_DEEP", "the value is nested too deep", Location(name, json_path=path), None))
        return None
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if isinstance(k, bool) or not isinstance(k, (str, int)):
                problems.append(
                    Problem("BAD_KEY", f"the key {k!r} must be text or a whole number", Location(name, json_path=path), None)
                )
                continue
            if isinstance(k, int) and number_problem(k) is not None:
                problems.append(problem_of(("NUMBER_TOO_LARGE", Msg("NUMBER_TOO_LARGE.whole", limit=40)), Location(name, json_path=path)))
                continue
            if str(k) in out:  # e.g. both 12 and "12": one would silently replace the other
                problems.append(
                    Problem("DUPLICATE_KEY", f"the key {k!r} is given twice (as text and as a number)", Location(name, json_path=f"{path}.{k}"), "keep one of them")
                )
                continue
            out[str(k)] = _plain(v, f"{path}.{k}", problems, name, depth + 1)
        return out
    if isinstance(value, (list, tuple)):
        return [_plain(v, f"{path}[{i}]", problems, name, depth + 1) for i, v in enumerate(value)]
    if isinstance(value, float):
        if not math.isfinite(value):
            problems.append(Problem("BAD_NUMBER", f"{value!r} is not a finite number", Location(name, json_path=path), None))
            return None
        return Decimal(repr(value))
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        got = number_problem(value)
        if got is not None:
            problems.append(problem_of(got, Location(name, json_path=path)))
            return None
        return value
    if value is None or isinstance(value, (str, bool)):
        return value
    problems.append(Problem("TYPE", f"a value of type {type(value).__name__} cannot be read", Location(name, json_path=path), None))
    return None


def parse_assessment(data: Any, name: str = "<input>") -> Assessment:
    """Validate ``data`` (as read from a file, or built in code) and make an :class:`Assessment`."""
    if not isinstance(data, (PosDict, PosList)):  # read from a file: already plain, and keeps its places
        problems: list[Problem] = []
        data = _plain(data, "$", problems, name)
        if problems:
            raise AssessmentError("assessment is not valid", problems)
    if not isinstance(data, dict):
        raise AssessmentError(
            "assessment is not valid",
            [Problem("TYPE", "an assessment must be a mapping (instansi:, year:, levels:)", locate(data, [], name), f"see {docs_url('formats', 'assessment')}")],
        )
    problems = schema_problems("assessment", data, name)
    has_levels, has_stages = "levels" in data, "stages" in data
    if has_levels == has_stages:
        problems.append(
            Problem(
                "LEVELS_OR_STAGES",
                "give either `levels:` or `stages:`" + (" (not both)" if has_levels else ""),
                locate(data, [], name),
                "`levels:` maps indicator numbers to levels; `stages:` maps stage names to such maps",
            )
        )
    if has_stages and "stage" in data:
        problems.append(
            Problem("NOT_ALLOWED", "`stage:` names the stage of `levels:`; with `stages:` it is not used", locate(data, ["stage"], name), "remove `stage:`")
        )
    if problems:
        raise AssessmentError("assessment is not valid", problems)
    stages: tuple[StageLevels, ...]
    if has_levels:
        stages = (StageLevels(data.get("stage"), {int(k): v for k, v in data["levels"].items()}),)
    else:
        stages = tuple(StageLevels(sid, {int(k): v for k, v in lv.items()}) for sid, lv in data["stages"].items())
    return Assessment(
        instansi=data["instansi"],
        year=data["year"],
        stages=stages,
        ruleset=data.get("ruleset"),
        documents=dict(data.get("documents", {})),
        note=data.get("note"),
        staged=has_stages,
        evidence=None if data.get("evidence") is None else parse_evidence(data["evidence"]),
        evaluated_on=None if data.get("evaluated_on") is None else str(data["evaluated_on"]),
        source=name,
        raw=data,
    )


def load_assessment(path: str | os.PathLike[str]) -> Assessment:
    """Read an assessment file (YAML, or JSON by its ``.json`` suffix)."""
    src = read_source(path, what="assessment", error=AssessmentError)
    return parse_assessment(src.data, src.name)


def check_against(
    ruleset: Ruleset, assessment: Assessment, missing: MissingPolicy = "error"
) -> tuple[list[StageLevels], tuple[int, ...]]:
    """Check ``assessment`` against ``ruleset``; return its stages in the ruleset's order and the indicators filled by policy."""
    if missing not in ("error", "lowest"):
        raise ValueError(f"missing must be 'error' or 'lowest', not {missing!r}")
    problems: list[Problem] = []
    numbers = set(ruleset.numbers)
    lo, hi = ruleset.scale.min, ruleset.scale.max
    stage_order = [s.id for s in ruleset.stages]
    path_of = (lambda sid: ["stages", sid]) if assessment.staged else (lambda sid: ["levels"])
    for st in assessment.stages:
        base = path_of(st.id)
        if st.id is not None and st.id not in stage_order:

            guess = difflib.get_close_matches(st.id, stage_order, n=1)
            problems.append(
                Problem(
                    "UNKNOWN_STAGE",
                    f"stage `{st.id}` is not a stage of ruleset {ruleset.id}",
                    assessment.location(*(base if assessment.staged else ["stage"])),
                    f"did you mean `{guess[0]}`?" if guess else f"stages: {', '.join(stage_order) or 'none declared'}",
                )
            )
        for number, level in st.levels.items():
            if number not in numbers:
                problems.append(
                    Problem(
                        "UNKNOWN_INDICATOR",
                        f"indicator {number} does not exist in ruleset {ruleset.id}",
                        assessment.location(*base, str(number)),
                        f"indicators are numbered {min(numbers)} to {max(numbers)}",
                    )
                )
            elif not lo <= level <= hi:
                problems.append(
                    Problem(
                        "LEVEL_OUT_OF_SCALE",
                        f"indicator {number} has level {level}, outside the scale {lo}..{hi} of ruleset {ruleset.id}",
                        assessment.location(*base, str(number)),
                        f"give a whole number from {lo} to {hi}",
                    )
                )
    known_docs = {d.key for d in ruleset.documents}
    for key in assessment.documents:
        if key not in known_docs:

            guess = difflib.get_close_matches(key, sorted(known_docs), n=1)
            problems.append(
                Problem(
                    "UNKNOWN_DOCUMENT",
                    f"document `{key}` is not declared by ruleset {ruleset.id}",
                    assessment.location("documents", key),
                    f"did you mean `{guess[0]}`?" if guess else f"documents: {', '.join(sorted(known_docs)) or 'none declared'}",
                )
            )
    problems.extend(
        check_evidence(
            ruleset,
            assessment.evidence,
            year=assessment.year,
            evaluated_on=assessment.evaluated_on,
            documents=assessment.documents,
            where=assessment.location,
        )
    )
    ordered = list(assessment.stages)
    if assessment.staged and not problems:
        ordered.sort(key=lambda s: stage_order.index(s.id) if s.id in stage_order else len(stage_order))
    filled: tuple[int, ...] = ()
    if ordered:
        first = ordered[0]
        absent = sorted(numbers - set(first.levels))
        if absent and missing == "error":
            where = "the first stage" if assessment.staged else "`levels`"
            problems.append(
                Problem(
                    "MISSING_LEVEL",
                    f"{where} gives no level for indicator{'s' if len(absent) > 1 else ''} {number_ranges(absent)}",
                    assessment.location(*path_of(first.id)),
                    "give every indicator a level, or evaluate with missing='lowest' (CLI: --missing lowest) to count missing ones at the lowest level",
                )
            )
        elif absent:
            filled = tuple(absent)
            ordered[0] = StageLevels(first.id, {**{n: lo for n in absent}, **first.levels})
    if problems:
        raise AssessmentError(f"assessment does not fit ruleset {ruleset.id}", problems)
    return ordered, filled


_ = PosList  # re-exported type used by callers that inspect raw data
