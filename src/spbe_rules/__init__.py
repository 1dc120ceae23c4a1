"""spbe-rules: Indonesia's SPBE evaluation regulations as versioned, tested data.

>>> import spbe_rules
>>> rs = spbe_rules.load_ruleset("permenpanrb-59-2020")
>>> a = spbe_rules.Assessment.from_levels({n: 3 for n in rs.numbers}, instansi="Contoh", year=2022)
>>> result = spbe_rules.evaluate(rs, a)
>>> result.index, result.predikat
('3.00', 'Baik')
"""

from ._assessment import Assessment, StageLevels, load_assessment, parse_assessment
from ._errors import (
    AssessmentError,
    EvaluationError,
    Location,
    Problem,
    RulesetError,
    RulesetNotFoundError,
    SpbeError,
    ValidationError,
)
from ._batch import BatchFailure, BatchNumbers, BatchResult, BatchRow, evaluate_levels, evaluate_many
from ._cases import (
    Case,
    CaseReport,
    CaseSuiteError,
    Expect,
    Mismatch,
    NotReproduced,
    Suite,
    SuiteReport,
    load_suite,
    run_suite,
)
from ._evaluate import evaluate
from ._explain import Explanation, Node, Text
from ._load import DEFAULT_RULESET, clear_cache, load_ruleset
from ._model import (
    AllOf,
    AnyOf,
    Aspect,
    AtLeast,
    Band,
    Capability,
    Citation,
    Display,
    Document,
    Domain,
    HasDocument,
    Indicator,
    Not,
    Predikat,
    Rule,
    Ruleset,
    Scale,
    SourceInfo,
    Stage,
)
from ._registry import RulesetInfo, installed_rulesets, ruleset_for_year
from ._result import (
    AspectResult,
    DocumentState,
    DomainResult,
    IndicatorResult,
    LevelChange,
    Result,
    RuleOutcome,
    RulesetRef,
    result_from_json,
    result_to_json,
)
from ._version import __version__

__all__ = [
    "DEFAULT_RULESET",
    "AllOf",
    "AnyOf",
    "Aspect",
    "AspectResult",
    "Assessment",
    "AssessmentError",
    "AtLeast",
    "Band",
    "BatchFailure",
    "BatchNumbers",
    "BatchResult",
    "BatchRow",
    "Capability",
    "Case",
    "CaseReport",
    "CaseSuiteError",
    "Citation",
    "Display",
    "Document",
    "DocumentState",
    "Domain",
    "DomainResult",
    "EvaluationError",
    "Expect",
    "Explanation",
    "HasDocument",
    "Indicator",
    "IndicatorResult",
    "LevelChange",
    "Location",
    "Mismatch",
    "Node",
    "Not",
    "NotReproduced",
    "Predikat",
    "Problem",
    "Result",
    "Rule",
    "RuleOutcome",
    "Ruleset",
    "RulesetError",
    "RulesetInfo",
    "RulesetNotFoundError",
    "RulesetRef",
    "Scale",
    "SourceInfo",
    "SpbeError",
    "Stage",
    "StageLevels",
    "Suite",
    "SuiteReport",
    "Text",
    "ValidationError",
    "__version__",
    "clear_cache",
    "evaluate",
    "evaluate_levels",
    "evaluate_many",
    "installed_rulesets",
    "load_assessment",
    "load_ruleset",
    "load_suite",
    "parse_assessment",
    "result_from_json",
    "result_to_json",
    "ruleset_for_year",
    "run_suite",
]
