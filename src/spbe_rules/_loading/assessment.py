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

from .._base.messages import Msg
from .._base.numbers import number_problem, problem_of
from .._base.errors import AssessmentError, Location, Problem
from .._base.text import did_you_mean
from .._model.model import Ruleset
from .evidence import EvidenceItem, check_evidence, parse_evidence
from .kuesioner import is_kuesioner, kuesioner_data
from .load import load_ruleset
from .schema import assessment_surely_valid, schema_problems
from .source import PosDict, PosList, locate, read_source
from .._base.text import number_ranges

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
        year: int,
        instansi: str = "-",
        ruleset: str | None = None,
        documents: Mapping[str, bool] | None = None,
        stage: str | None = None,
    ) -> Assessment:
        """Build an assessment in code (validated like a file); ``year`` is the evaluation year (no default: it chooses the ruleset)."""
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
        problems.append(Problem.of("TOO_DEEP.value", Location(name, json_path=path)))
        return None
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if isinstance(k, bool) or not isinstance(k, (str, int)):
                problems.append(Problem.of("BAD_KEY.code", Location(name, json_path=path), key=repr(k)))
                continue
            if isinstance(k, int) and number_problem(k) is not None:
                problems.append(problem_of(("NUMBER_TOO_LARGE", Msg("NUMBER_TOO_LARGE.whole", limit=40)), Location(name, json_path=path)))
                continue
            if str(k) in out:  # e.g. both 12 and "12": one would silently replace the other
                problems.append(Problem.of("DUPLICATE_KEY.code", Location(name, json_path=f"{path}.{k}"), key=repr(k)))
                continue
            out[str(k)] = _plain(v, f"{path}.{k}", problems, name, depth + 1)
        return out
    if isinstance(value, (list, tuple)):
        return [_plain(v, f"{path}[{i}]", problems, name, depth + 1) for i, v in enumerate(value)]
    if isinstance(value, float):
        if not math.isfinite(value):
            problems.append(Problem.of("BAD_NUMBER.code", Location(name, json_path=path), value=repr(value)))
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
    problems.append(Problem.of("TYPE.code", Location(name, json_path=path), type=type(value).__name__))
    return None


def parse_assessment(data: Any, name: str = "<input>") -> Assessment:
    """Validate ``data`` (as read from a file, or built in code) and make an :class:`Assessment`."""
    if not isinstance(data, (PosDict, PosList)):  # read from a file: already plain, and keeps its places
        problems: list[Problem] = []
        data = _plain(data, "$", problems, name)
        if problems:
            raise AssessmentError(Msg("head.assessment_invalid"), problems)
    if not isinstance(data, dict):
        raise AssessmentError(Msg("head.assessment_invalid"), [Problem.of("TYPE.assessment", locate(data, [], name))])
    problems = [] if assessment_surely_valid(data) else schema_problems("assessment", data, name)
    has_levels, has_stages = "levels" in data, "stages" in data
    if has_levels == has_stages:
        problems.append(Problem.of("LEVELS_OR_STAGES.both" if has_levels else "LEVELS_OR_STAGES", locate(data, [], name), hint=Msg("LEVELS_OR_STAGES.hint")))
    if has_stages and "stage" in data:
        problems.append(Problem.of("NOT_ALLOWED.stage", locate(data, ["stage"], name)))
    if problems:
        raise AssessmentError(Msg("head.assessment_invalid"), problems)
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
    """Read an assessment file (YAML, or JSON by its ``.json`` suffix); a filled questionnaire
    (``format: spbe-rules/kuesioner@1``, see ``spbe-rules kuesioner``) is read as the assessment it states."""
    src = read_source(path, what="assessment", error=AssessmentError)
    if is_kuesioner(src.data) and isinstance(src.data.get("ruleset"), str):
        return parse_assessment(kuesioner_data(src.data, src.name, load_ruleset(src.data["ruleset"])), src.name)
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
            problems.append(
                Problem.of(
                    "UNKNOWN_STAGE",
                    assessment.location(*(base if assessment.staged else ["stage"])),
                    hint=did_you_mean(st.id, stage_order, cutoff=0.6),
                    stage=st.id,
                    ruleset=ruleset.id,
                )
            )
        for number, level in st.levels.items():
            if number not in numbers:
                problems.append(Problem.of("UNKNOWN_INDICATOR", assessment.location(*base, str(number)), number=number, ruleset=ruleset.id, min=min(numbers), max=max(numbers)))
            elif not lo <= level <= hi:
                problems.append(Problem.of("LEVEL_OUT_OF_SCALE", assessment.location(*base, str(number)), number=number, level=level, min=lo, max=hi, ruleset=ruleset.id))
    known_docs = {d.key for d in ruleset.documents}
    for key in assessment.documents:
        if key not in known_docs:
            problems.append(
                Problem.of(
                    "UNKNOWN_DOCUMENT",
                    assessment.location("documents", key),
                    hint=did_you_mean(key, sorted(known_docs), cutoff=0.6),
                    document=key,
                    ruleset=ruleset.id,
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
            where = Msg("where.first_stage") if assessment.staged else Msg("where.levels")
            key = "MISSING_LEVEL.many" if len(absent) > 1 else "MISSING_LEVEL"
            problems.append(Problem.of(key, assessment.location(*path_of(first.id)), hint=Msg("MISSING_LEVEL.hint"), where=where, numbers=number_ranges(absent)))
        elif absent:
            filled = tuple(absent)
            ordered[0] = StageLevels(first.id, {**{n: lo for n in absent}, **first.levels})
    if problems:
        raise AssessmentError(Msg("head.does_not_fit", ruleset=ruleset.id), problems)
    return ordered, filled


