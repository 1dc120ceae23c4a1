"""spbe-rules: Indonesia's SPBE evaluation regulations as versioned, tested data.

*spbe-rules: peraturan Evaluasi SPBE sebagai data berversi dan teruji, dengan evaluator yang tepat.*

The top level holds what most programs use: loading rulesets and assessments, evaluating them,
the result and its parts, the errors to catch, the analyses (plan, whatif, gains, diff, impact,
risk, compare_years, estimate_transition, case suites) and the HTML report. The building blocks
live in documented public submodules:

- :mod:`spbe_rules.model`: the ruleset, the assessment and their parts;
- :mod:`spbe_rules.conditions`: the conditions of rules and documents;
- :mod:`spbe_rules.batch`: batch rows and results, readers, writers and the batch report;
- :mod:`spbe_rules.analysis`: what the analyses return, their parts and JSON helpers;
- :mod:`spbe_rules.errors`: every error and the problems they carry.

>>> import spbe_rules
>>> rs = spbe_rules.load_ruleset("permenpanrb-59-2020")
>>> a = spbe_rules.Assessment.from_levels({n: 3 for n in rs.numbers}, instansi="Contoh", year=2022)
>>> result = spbe_rules.evaluate(rs, a)
>>> result.index, result.predikat
('3.00', 'Baik')
"""

# The public names are imported on first use (PEP 562), so `import spbe_rules` stays cheap
# and a program that only evaluates never loads the planner, batch or report code.
# tests/test_public_api.py keeps the three lists below (TYPE_CHECKING imports, _LAZY, __all__) in sync.

from __future__ import annotations

import importlib

from ._version import __version__

TYPE_CHECKING = False  # not imported from typing: `import spbe_rules` stays cheap
if TYPE_CHECKING:
    from typing import Any

    from . import analysis as analysis, batch as batch, conditions as conditions, errors as errors, model as model  # the submodules
    from ._analysis.cases import load_suite
    from ._analysis.cases_run import run_suite
    from ._analysis.compare import compare_years
    from ._analysis.diff import diff
    from ._analysis.impact import impact
    from ._analysis.plan import load_costs, plan
    from ._analysis.risk import risk
    from ._analysis.transition import estimate_transition
    from ._analysis.whatif import gains, whatif
    from ._base.files import allow_dirs
    from ._base.errors import AssessmentError, EvaluationError, Location, Problem, RulesetError, RulesetNotFoundError, SpbeError, ValidationError
    from ._engine.evaluate import evaluate
    from ._engine.explain import Explanation, Node, Text
    from ._engine.result import (
        AspectResult,
        Conversion,
        DocumentState,
        DomainResult,
        IndicatorResult,
        LevelChange,
        Result,
        Review,
        RuleOutcome,
        RulesetRef,
        result_from_json,
        result_to_json,
    )
    from ._io.batch import evaluate_many
    from ._loading.assessment import Assessment, load_assessment, parse_assessment
    from ._loading.load import clear_cache, load_ruleset
    from ._loading.registry import RulesetInfo, ruleset_for_year
    from ._loading.select import installed_rulesets
    from ._model.model import Ruleset
    from ._render.report import report_html

_LAZY: dict[str, str] = {
    # loading
    "load_ruleset": "_loading.load",
    "clear_cache": "_loading.load",
    "allow_dirs": "_base.files",
    "installed_rulesets": "_loading.select",
    "ruleset_for_year": "_loading.registry",
    "RulesetInfo": "_loading.registry",
    "Ruleset": "_model.model",
    "load_assessment": "_loading.assessment",
    "parse_assessment": "_loading.assessment",
    "Assessment": "_loading.assessment",
    # evaluating
    "evaluate": "_engine.evaluate",
    "evaluate_many": "_io.batch",
    "Result": "_engine.result",
    "DomainResult": "_engine.result",
    "AspectResult": "_engine.result",
    "IndicatorResult": "_engine.result",
    "RuleOutcome": "_engine.result",
    "DocumentState": "_engine.result",
    "LevelChange": "_engine.result",
    "RulesetRef": "_engine.result",
    "Conversion": "_engine.result",
    "Review": "_engine.result",
    "Explanation": "_engine.explain",
    "Node": "_engine.explain",
    "Text": "_engine.explain",
    "result_to_json": "_engine.result",
    "result_from_json": "_engine.result",
    # errors
    "SpbeError": "_base.errors",
    "ValidationError": "_base.errors",
    "Problem": "_base.errors",
    "Location": "_base.errors",
    "RulesetError": "_base.errors",
    "RulesetNotFoundError": "_base.errors",
    "AssessmentError": "_base.errors",
    "EvaluationError": "_base.errors",
    # analyses
    "plan": "_analysis.plan",
    "load_costs": "_analysis.plan",
    "whatif": "_analysis.whatif",
    "gains": "_analysis.whatif",
    "diff": "_analysis.diff",
    "impact": "_analysis.impact",
    "risk": "_analysis.risk",
    "compare_years": "_analysis.compare",
    "estimate_transition": "_analysis.transition",
    "load_suite": "_analysis.cases",
    "run_suite": "_analysis.cases_run",
    # reports
    "report_html": "_render.report",
}

# the public submodules, also imported on first use: `spbe_rules.model.Indicator` after `import spbe_rules`
_SUBMODULES = ("analysis", "batch", "conditions", "errors", "model")

__all__ = [
    "__version__",
    "load_ruleset",
    "clear_cache",
    "allow_dirs",
    "installed_rulesets",
    "ruleset_for_year",
    "RulesetInfo",
    "Ruleset",
    "load_assessment",
    "parse_assessment",
    "Assessment",
    "evaluate",
    "evaluate_many",
    "Result",
    "DomainResult",
    "AspectResult",
    "IndicatorResult",
    "RuleOutcome",
    "DocumentState",
    "LevelChange",
    "RulesetRef",
    "Conversion",
    "Review",
    "Explanation",
    "Node",
    "Text",
    "result_to_json",
    "result_from_json",
    "SpbeError",
    "ValidationError",
    "Problem",
    "Location",
    "RulesetError",
    "RulesetNotFoundError",
    "AssessmentError",
    "EvaluationError",
    "plan",
    "load_costs",
    "whatif",
    "gains",
    "diff",
    "impact",
    "risk",
    "compare_years",
    "estimate_transition",
    "load_suite",
    "run_suite",
    "report_html",
]


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"spbe_rules.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'spbe_rules' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"spbe_rules.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*__all__, *_SUBMODULES])
