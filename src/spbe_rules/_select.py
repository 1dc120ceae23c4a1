"""Choosing the ruleset for an assessment: named by the caller, by the assessment, or by its year."""

from __future__ import annotations

import os
from pathlib import Path

from ._assessment import Assessment
from ._load import load_ruleset, resolve_ruleset_path
from ._model import Ruleset
from ._registry import ruleset_for_year

__all__ = ["ruleset_for_assessment"]


def ruleset_for_assessment(assessment: Assessment, ruleset: str | os.PathLike[str] | Ruleset | None = None) -> Ruleset:
    """The ruleset to evaluate ``assessment`` under.

    In order: ``ruleset`` given by the caller (a Ruleset, an id or a path); the
    assessment's own ``ruleset:`` (an id, looked for beside the assessment file
    first, then among installed rulesets); the one installed ruleset in force
    for the assessment's ``year``.
    """
    if isinstance(ruleset, Ruleset):
        return ruleset
    if ruleset is not None:
        return load_ruleset(ruleset)
    if assessment.ruleset is not None:
        own = Path(assessment.source) if assessment.source not in ("<input>", "-") else None
        near = own.parent if own is not None else None
        return load_ruleset(resolve_ruleset_path(assessment.ruleset, near=near, referrer=own))
    return load_ruleset(ruleset_for_year(assessment.year))
