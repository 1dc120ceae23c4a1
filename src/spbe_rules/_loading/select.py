"""Choosing the ruleset for an assessment: named by the caller, by the assessment, or by its year."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from .assessment import Assessment, MissingPolicy, StageLevels, assessment_from_source, check_against
from .._base.errors import AssessmentError, Problem, SpbeError
from .load import allowing, as_ruleset, load_ruleset, resolve_ruleset_path
from .._base.files import FileProblem
from .._base.messages import Msg
from .._model.model import Ruleset
from .registry import RulesetInfo, installed_paths, ruleset_for_year
from .source import Source, read_source

__all__ = ["installed_rulesets", "load_assessment_for", "ruleset_for_assessment"]


def installed_rulesets() -> list[RulesetInfo]:
    """Every installed ruleset, loaded and validated."""
    out = []
    for rid, path in installed_paths().items():
        rs = load_ruleset(rid)
        out.append(RulesetInfo(rs.id, rs.version, rs.title, rs.status, rs.evaluation_years, rs.extends, str(path)))
    return out


def ruleset_for_assessment(
    assessment: Assessment, ruleset: str | os.PathLike[str] | Ruleset | None = None, *, allow_dirs: Iterable[str | os.PathLike[str]] = ()
) -> Ruleset:
    """The ruleset to evaluate ``assessment`` under.

    In order: ``ruleset`` given by the caller (a Ruleset, an id or a path, anywhere); the
    assessment's own ``ruleset:`` (an id, looked for beside the assessment file
    first, then among installed rulesets; a file beside it that leads out of its folder
    is refused unless into one of ``allow_dirs``); the one installed ruleset in force
    for the assessment's ``year``.
    """
    with allowing(allow_dirs):
        if ruleset is not None:
            return as_ruleset(ruleset)
        if assessment.ruleset is not None:
            own = Path(assessment.source) if assessment.source not in ("<input>", "-") else None
            near = own.parent if own is not None else None
            try:
                path = resolve_ruleset_path(assessment.ruleset, near=near, referrer=own)
            except FileProblem as fp:
                raise AssessmentError(Msg("head.named_path", name=assessment.source), [fp.problem(assessment.location("ruleset"))]) from None
            return load_ruleset(path)
        return load_ruleset(ruleset_for_year(assessment.year))


def load_assessment_for(
    path: str | os.PathLike[str],
    ruleset: str | os.PathLike[str] | Ruleset | None = None,
    missing: MissingPolicy = "error",
    *,
    allow_dirs: Iterable[str | os.PathLike[str]] = (),
) -> tuple[Assessment, Ruleset]:
    """Read an assessment file, choose its ruleset and check the assessment against it
    (``allow_dirs``: as for :func:`ruleset_for_assessment`).

    When the file has problems of form (a level written as text, a misspelt key), the
    parts that are well formed are still checked against the ruleset, so a level of 6
    or an unknown indicator is reported in the same error as the text level: a person
    fixing the file sees every problem at once.
    """
    with allowing(allow_dirs):
        src = read_source(path, what="assessment", error=AssessmentError)
        try:
            assessment = assessment_from_source(src)
        except AssessmentError as exc:
            extra = _problems_beyond_form(src, exc, ruleset, missing)
            if not extra:
                raise
            raise AssessmentError(exc.head, [*exc.problems, *extra]) from None
        chosen = ruleset_for_assessment(assessment, ruleset)
        check_against(chosen, assessment, missing)
        return assessment, chosen


def _problems_beyond_form(src: Source, exc: AssessmentError, ruleset: str | os.PathLike[str] | Ruleset | None, missing: MissingPolicy) -> list[Problem]:
    """Problems the ruleset would find in the well-formed parts of an assessment that failed its form checks
    (``src``: the file as read once by ``load_assessment_for``)."""
    partial = _well_formed_part(src.data, src.name)
    if partial is None:
        return []
    try:
        chosen = ruleset_for_assessment(partial, ruleset)
    except (SpbeError, ValueError):
        return []  # no ruleset can be chosen: the form problems are all there is to say
    lowest = chosen.scale.min
    stages = tuple(StageLevels(st.id, {n: lowest if lv is None else lv for n, lv in st.levels.items()}) for st in partial.stages)
    try:
        check_against(chosen, attrs.evolve(partial, stages=stages), missing)
    except AssessmentError as more:
        seen = {(p.location.line, p.location.col) for p in exc.problems}
        return [p for p in more.problems if (p.location.line, p.location.col) not in seen]
    return []


def _well_formed_part(data: Any, name: str) -> Assessment | None:
    """The assessment's well-formed parts (levels that are not whole numbers kept as None), or None if its shape is unclear."""
    if not isinstance(data, dict) or (("levels" in data) == ("stages" in data)):
        return None

    def levels(m: Any) -> dict[int, int | None] | None:
        if not isinstance(m, dict):
            return None
        out: dict[int, int | None] = {}
        for key, value in m.items():
            if isinstance(key, bool) or not isinstance(key, (int, str)) or not str(key).strip().isdigit():
                continue
            out[int(key)] = value if type(value) is int else None
        return out

    staged = "stages" in data
    pairs: list[tuple[str | None, dict[int, int | None] | None]]
    if staged:
        if not isinstance(data["stages"], dict):
            return None
        pairs = [(sid, levels(m)) for sid, m in data["stages"].items() if isinstance(sid, str)]
    else:
        stage = data.get("stage")
        pairs = [(stage if isinstance(stage, str) else None, levels(data["levels"]))]
    if any(lv is None for _, lv in pairs):
        return None
    docs = data.get("documents")
    year = data.get("year")
    return Assessment(
        instansi=str(data.get("instansi", "-")),
        year=year if type(year) is int else 0,
        stages=tuple(StageLevels(sid, lv) for sid, lv in pairs),  # type: ignore[arg-type]  # None levels are filled once the scale is known
        ruleset=data["ruleset"] if isinstance(data.get("ruleset"), str) else None,
        documents={k: bool(v) for k, v in docs.items() if isinstance(k, str)} if isinstance(docs, dict) else {},
        staged=staged,
        source=name,
        raw=data,
    )
