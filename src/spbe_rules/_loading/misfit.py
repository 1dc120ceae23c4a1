"""The one builder of the problems of input that does not fit its ruleset.

An indicator the ruleset does not have, a level outside its scale or not a whole number, a
level missing, a document or stage it does not declare, a document state that is not yes/no:
every entry point (an assessment file checked by ``check_against``, a batch row, the changes
given to ``whatif``, the level vectors of ``evaluate_levels``, a costs file) builds these
problems here, so the same misfit has the same code and the same words (from the message
catalogue) wherever it is found; only the place (file, line, cell) and the hint that says how to
fix it in that kind of input differ.

:func:`check_levels` and :func:`check_documents` are the checks of a plain mapping (indicator ->
level, document -> yes/no) that the batch rows and ``whatif`` share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from .._base.errors import AssessmentError, Location, Problem
from .._base.messages import Msg
from .._base.numbers import shown
from .._base.text import did_you_mean, number_ranges
from .._model.model import Ruleset

__all__ = [
    "DocumentsChecked",
    "LevelsChecked",
    "check_documents",
    "check_levels",
    "does_not_fit",
    "document_not_yes_no",
    "level_not_whole",
    "level_out_of_scale",
    "missing_level_cell",
    "missing_levels",
    "step_out_of_scale",
    "unknown_document",
    "unknown_indicator",
    "unknown_stage",
]


def _number(value: object) -> object:
    """An indicator number as given: an int as itself, anything else shown safely."""
    return value if type(value) is int else shown(value)


def unknown_indicator(ruleset: Ruleset, number: object, where: Location, *, hint: Msg | None = None) -> Problem:
    """``UNKNOWN_INDICATOR``: ``number`` is not an indicator of ``ruleset`` (the hint gives the range, unless ``hint``)."""
    lo, hi = min(ruleset.numbers), max(ruleset.numbers)
    return Problem.of("UNKNOWN_INDICATOR", where, hint=hint, number=_number(number), ruleset=ruleset.id, min=lo, max=hi)


def level_out_of_scale(ruleset: Ruleset, number: int, level: object, where: Location) -> Problem:
    """``LEVEL_OUT_OF_SCALE``: a whole level outside the ruleset's scale."""
    return Problem.of("LEVEL_OUT_OF_SCALE", where, number=number, level=_number(level), min=ruleset.scale.min, max=ruleset.scale.max, ruleset=ruleset.id)


def step_out_of_scale(ruleset: Ruleset, number: int, level: int, where: Location) -> Problem:
    """``LEVEL_OUT_OF_SCALE``: a costs file prices a step to a level no step reaches (steps reach
    the levels above the lowest)."""
    return Problem.of("LEVEL_OUT_OF_SCALE.step", where, number=number, level=level, min=ruleset.scale.min, max=ruleset.scale.max, first=ruleset.scale.min + 1)


def level_not_whole(ruleset: Ruleset, number: int, value: object, where: Location) -> Problem:
    """``TYPE``: a level that is not a whole number (text, a decimal, true/false)."""
    return Problem.of("TYPE.level", where, hint=Msg("LEVEL_OUT_OF_SCALE.hint", min=ruleset.scale.min, max=ruleset.scale.max), number=number, value=shown(value))


def missing_levels(numbers: Iterable[int], where: Location, place: Msg, *, hint: Msg | None = None) -> Problem:
    """``MISSING_LEVEL``: ``place`` (``Msg("where.levels")``, the first stage, a batch row) gives no
    level for ``numbers`` (the hint says how to give them or to count them at the lowest level)."""
    ns = sorted(numbers)
    key = "MISSING_LEVEL.many" if len(ns) > 1 else "MISSING_LEVEL"
    return Problem.of(key, where, hint=hint or Msg("MISSING_LEVEL.hint"), where=place, numbers=number_ranges(ns))


def missing_level_cell(number: int, where: Location) -> Problem:
    """``MISSING_LEVEL``: the cell of indicator ``number`` is empty (a table's row)."""
    return Problem.of("MISSING_LEVEL.cell", where, number=number)


def unknown_document(ruleset: Ruleset, key: object, where: Location) -> Problem:
    """``UNKNOWN_DOCUMENT``: a document ``ruleset`` does not declare (the hint: the closest key, or the keys)."""
    keys = sorted(d.key for d in ruleset.documents)
    return Problem.of("UNKNOWN_DOCUMENT", where, hint=did_you_mean(key, keys, cutoff=0.6), document=key, ruleset=ruleset.id)


def document_not_yes_no(key: str, value: object, where: Location) -> Problem:
    """``TYPE``: a document's state that is not true/false (ya/tidak)."""
    return Problem.of("TYPE.document_flag", where, document=key, value=shown(value))


def unknown_stage(ruleset: Ruleset, stage: object, where: Location) -> Problem:
    """``UNKNOWN_STAGE``: a stage ``ruleset`` does not declare (the hint: the closest id, or the ids)."""
    return Problem.of("UNKNOWN_STAGE", where, hint=did_you_mean(stage, [s.id for s in ruleset.stages], cutoff=0.6), stage=stage, ruleset=ruleset.id)


def does_not_fit(ruleset: Ruleset, problems: Iterable[Problem]) -> AssessmentError:
    """The error that groups the misfits of one input: "assessment does not fit ruleset X"."""
    return AssessmentError(Msg("head.does_not_fit", ruleset=ruleset.id), list(problems))


class LevelsChecked(NamedTuple):
    """The problems of levels given by indicator number, and the good levels."""

    problems: list[Problem]
    levels: dict[int, int]


class DocumentsChecked(NamedTuple):
    """The problems of document states given by key, and the good states."""

    problems: list[Problem]
    documents: dict[str, bool]


def check_levels(ruleset: Ruleset, levels: Mapping[Any, Any], where: Callable[[Any], Location], *, unknown_hint: Msg | None = None) -> LevelsChecked:
    """Check whole levels given by indicator number: each number an indicator of ``ruleset``, each
    level a whole number within the scale. Return the problems and the good levels."""
    problems: list[Problem] = []
    good: dict[int, int] = {}
    numbers = set(ruleset.numbers)
    lo, hi = ruleset.scale.min, ruleset.scale.max
    for number, level in levels.items():
        if type(number) is not int or number not in numbers:
            problems.append(unknown_indicator(ruleset, number, where(number), hint=unknown_hint))
        elif type(level) is not int:
            problems.append(level_not_whole(ruleset, number, level, where(number)))
        elif not lo <= level <= hi:
            problems.append(level_out_of_scale(ruleset, number, level, where(number)))
        else:
            good[number] = level
    return LevelsChecked(problems, good)


def check_documents(ruleset: Ruleset, documents: Mapping[Any, Any], where: Callable[[Any], Location]) -> DocumentsChecked:
    """Check document states: each key declared by ``ruleset``, each state true or false.
    Return the problems and the good states."""
    problems: list[Problem] = []
    good: dict[str, bool] = {}
    keys = {d.key for d in ruleset.documents}
    for key, value in documents.items():
        if key not in keys:
            problems.append(unknown_document(ruleset, key, where(key)))
        elif not isinstance(value, bool):
            problems.append(document_not_yes_no(key, value, where(key)))
        else:
            good[key] = value
    return DocumentsChecked(problems, good)
