"""Assessments: the levels an institution was given, read from a file or a mapping.

Reading checks the form (schema); :func:`check_against` checks the assessment
against a ruleset (known indicators, levels within the scale, complete levels,
known stages and documents), naming the line of every problem.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, NamedTuple

from attrs import field, frozen

from .._base.messages import Msg
from .._base.numbers import number_problem, problem_of
from .._base.errors import AssessmentError, Location, Problem
from .._model.converter import Level, level_text, to_fraction
from .._model.model import Ruleset, ScoreBand
from .evidence import EvidenceItem, check_evidence, parse_evidence
from .kuesioner import is_kuesioner, kuesioner_data
from . import misfit
from .load import load_ruleset
from .schema import assessment_surely_valid, schema_problems
from .source import PosDict, PosList, Source, locate, read_source

__all__ = [
    "Assessment",
    "Checked",
    "Detail",
    "MissingPolicy",
    "ReviewMark",
    "ScoreGiven",
    "StageLevels",
    "SubLevelsGiven",
    "assessment_from_source",
    "check_against",
    "load_assessment",
    "parse_assessment",
]

MissingPolicy = Literal["error", "lowest"]
_RULESET_ID = re.compile(r"[a-z0-9][a-z0-9-]*")  # an installed ruleset id, as the schemas write it


@frozen
class SubLevelsGiven:
    """Levels given for the items of an indicator the ruleset scores by sub-levels (e.g. ``35: [3, 2]``)."""

    levels: tuple[int, ...]


@frozen
class ScoreGiven:
    """A score in another agency's index (``5: {score: 58.2}``); ``band`` is the conversion once checked."""

    score: Fraction
    band: ScoreBand | None = None


@frozen
class ReviewMark:
    """The review team's word on one indicator: valid (``{valid: true}``), or a corrected ``level`` with its ``reason``."""

    valid: bool
    level: int | None = None
    reason: str | None = None


Detail = SubLevelsGiven | ScoreGiven | ReviewMark


@frozen
class StageLevels:
    """Levels given in one stage (``id`` is None for an assessment without stages).

    ``levels`` holds the value of every indicator the stage scores (after :func:`check_against`,
    also the exact mean of sub-levels and converted scores); ``details`` holds what was written
    when it was more than one whole level: sub-levels, a score, or a review mark."""

    id: str | None
    levels: Mapping[int, Level]
    details: Mapping[int, Detail] = field(factory=dict)


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
    def levels(self) -> dict[int, Level]:
        """The final submitted level of every indicator given (later stages override earlier ones)."""
        out: dict[int, Level] = {}
        for st in self.stages:
            out.update(st.levels)
        return out

    def location(self, *path: str | int) -> Location:
        """Where a field of the assessment is written (file, line, column), e.g. ``location("levels", 5)``."""
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
        stages = (_stage(data.get("stage"), data["levels"]),)
    else:
        stages = tuple(_stage(sid, lv) for sid, lv in data["stages"].items())
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


def _stage(sid: str | None, entries: Mapping[str, Any]) -> StageLevels:
    """One stage as written: whole levels in ``levels``, everything else in ``details`` (the
    schema has checked the form of each entry)."""
    levels: dict[int, Level] = {}
    details: dict[int, Detail] = {}
    for key, value in entries.items():
        n = int(key)
        if isinstance(value, int) and not isinstance(value, bool):
            levels[n] = value
        elif isinstance(value, list):
            details[n] = SubLevelsGiven(tuple(value))
        elif isinstance(value, Mapping) and value.get("valid") is True and len(value) == 1:
            details[n] = ReviewMark(True)
        elif isinstance(value, Mapping) and "score" in value:
            details[n] = ScoreGiven(to_fraction(value["score"]))
        elif isinstance(value, Mapping):
            details[n] = ReviewMark(False, value.get("level"), value.get("reason"))
    return StageLevels(sid, levels, details)


def load_assessment(path: str | os.PathLike[str]) -> Assessment:
    """Read an assessment file (YAML, or JSON by its ``.json`` suffix); a filled questionnaire
    (``format: spbe-rules/kuesioner@1``, see ``spbe-rules kuesioner``) is read as the assessment it states."""
    return assessment_from_source(read_source(path, what="assessment", error=AssessmentError))


def assessment_from_source(src: Source) -> Assessment:
    """The assessment in a file already read by ``read_source`` (as ``load_assessment``)."""
    if is_kuesioner(src.data) and isinstance(src.data.get("ruleset"), str):
        ref = src.data["ruleset"]
        if _RULESET_ID.fullmatch(ref) is None:  # a path or /dev/zero written in the file is never opened: the form names it
            problems = schema_problems("kuesioner", src.data, src.name)
            if problems:
                raise AssessmentError(Msg("head.cannot_read.assessment"), problems)
        return parse_assessment(kuesioner_data(src.data, src.name, load_ruleset(ref)), src.name)
    return parse_assessment(src.data, src.name)


class Checked(NamedTuple):
    """An assessment checked against a ruleset: its stages in the ruleset's order (each entry's
    value resolved) and the indicators whose level was filled by the ``missing`` policy."""

    stages: list[StageLevels]
    filled: tuple[int, ...]


def check_against(ruleset: Ruleset, assessment: Assessment, missing: MissingPolicy = "error") -> Checked:
    """Check ``assessment`` against ``ruleset``; return its stages in the ruleset's order and the indicators filled by policy."""
    if missing not in ("error", "lowest"):
        raise ValueError(f"missing must be 'error' or 'lowest', not {missing!r}")
    problems: list[Problem] = []
    numbers = set(ruleset.numbers)
    lo = ruleset.scale.min
    stage_order = [s.id for s in ruleset.stages]
    path_of = (lambda sid: ["stages", sid]) if assessment.staged else (lambda _sid: ["levels"])
    review_stages = {s.id for s in ruleset.stages if s.kind == "review"}
    resolved: dict[int, StageLevels] = {}
    for k, st in enumerate(assessment.stages):
        base = path_of(st.id)
        if st.id is not None and st.id not in stage_order:
            problems.append(misfit.unknown_stage(ruleset, st.id, assessment.location(*(base if assessment.staged else ["stage"]))))
        resolved[k] = _resolve(ruleset, assessment, st, base, st.id in review_stages, problems)
    known_docs = {d.key for d in ruleset.documents}
    for key in assessment.documents:
        if key not in known_docs:
            problems.append(misfit.unknown_document(ruleset, key, assessment.location("documents", key)))
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
    ordered = [resolved[k] for k in range(len(assessment.stages))]
    if assessment.staged and not problems:
        ordered.sort(key=lambda s: stage_order.index(s.id) if s.id in stage_order else len(stage_order))
    if ordered and ordered[0].id in review_stages and not problems:
        problems.append(Problem.of("REVIEW_WITHOUT_RESULT", assessment.location(*path_of(ordered[0].id)), stage=ordered[0].id))
    filled: tuple[int, ...] = ()
    if ordered:
        first = ordered[0]
        absent = sorted(numbers - set(first.levels) - set(first.details))
        if absent and missing == "error":
            place = Msg("where.first_stage") if assessment.staged else Msg("where.levels")
            problems.append(misfit.missing_levels(absent, assessment.location(*path_of(first.id)), place))
        elif absent:
            filled = tuple(absent)
            ordered[0] = StageLevels(first.id, {**{n: lo for n in absent}, **first.levels}, first.details)
    if problems:
        raise misfit.does_not_fit(ruleset, problems)
    return Checked(ordered, filled)


def _resolve(ruleset: Ruleset, assessment: Assessment, st: StageLevels, base: list[str], review: bool, problems: list[Problem]) -> StageLevels:
    """Check one stage's entries against the ruleset; return it with the value of every entry:
    whole levels as given, the exact mean of sub-levels, a converted score, a review's correction
    (a review's `valid` keeps the earlier value and adds none)."""
    lo, hi = ruleset.scale.min, ruleset.scale.max
    numbers = set(ruleset.numbers)
    values: dict[int, Level] = {}
    details: dict[int, Detail] = {}

    def bad(key: str, number: int, **params: Any) -> None:
        problems.append(Problem.of(key, assessment.location(*base, str(number)), number=number, **params))

    def in_scale(number: int, level: int) -> bool:
        if lo <= level <= hi:
            return True
        problems.append(misfit.level_out_of_scale(ruleset, number, level, assessment.location(*base, str(number))))
        return False

    entries: list[tuple[int, Level | Detail]] = [*st.levels.items(), *st.details.items()]
    for number, entry in sorted(entries, key=lambda e: e[0]):
        if not isinstance(entry, (int, Fraction)):
            details[number] = entry  # kept as written (a bad entry is reported, never taken as missing)
        if number not in numbers:
            problems.append(misfit.unknown_indicator(ruleset, number, assessment.location(*base, str(number))))
            continue
        ind = ruleset.indicator(number)
        if review:
            if not isinstance(entry, ReviewMark):
                bad("REVIEW_ENTRY", number, stage=st.id)
            elif not entry.valid:
                if entry.level is None or not entry.reason:
                    bad("REVIEW_ENTRY.reason", number)
                elif in_scale(number, entry.level):
                    values[number] = entry.level
            continue
        if isinstance(entry, ReviewMark):
            bad("REVIEW_ENTRY.outside", number, stage=st.id)
        elif isinstance(entry, SubLevelsGiven):
            sub = ind.sub_levels
            if sub is None:
                bad("NOT_SUB_LEVELS", number, ruleset=ruleset.id)
            elif not sub.min <= len(entry.levels) <= sub.max:
                bad("SUB_LEVEL_COUNT", number, min=sub.min, max=sub.max, item=f" ({sub.item})" if sub.item else "", count=len(entry.levels))
            elif all([in_scale(number, lv) for lv in entry.levels]):
                mean = Fraction(sum(entry.levels), len(entry.levels))
                values[number] = int(mean) if mean.denominator == 1 else mean
        elif isinstance(entry, ScoreGiven):
            ext = ind.external
            if ext is None:
                bad("NOT_EXTERNAL", number, ruleset=ruleset.id)
                continue
            band = ext.convert(entry.score)
            if band is None:
                bad("SCORE_OUT_OF_RANGE", number, source=ext.source, score=level_text(entry.score), min=level_text(ext.min), max=level_text(ext.max))
                continue
            v = band.value
            values[number] = int(v) if v.denominator == 1 else v
            details[number] = ScoreGiven(entry.score, band)
        else:
            assert isinstance(entry, int)  # as read: a whole level
            in_scale(number, entry)
            values[number] = entry
    return StageLevels(st.id, values, details)
