"""Every error spbe-rules raises on purpose, and the problems they carry.

*Semua galat yang sengaja dimunculkan spbe-rules, dan masalah (Problem) yang dibawanya.*

Every error is a :class:`SpbeError`. Bad input (a ruleset, an assessment, a costs file, a case
suite, a crosswalk, a batch input) raises a :class:`ValidationError`: an ``ExceptionGroup`` of
:class:`Problem` s, each with a stable English ``code``, a ``message`` and a ``hint`` (Bahasa
Indonesia by default, English with ``SPBE_RULES_LANG=en``) and a :class:`Location`
(file, line, column, JSON path). The errors most programs catch are also at the top level
(``spbe_rules.SpbeError``, ``spbe_rules.ValidationError``, ...).

The tree::

    SpbeError
    ├── Problem (also ValueError)
    ├── ValidationError (an ExceptionGroup of Problems, also ValueError)
    │   ├── RulesetError
    │   ├── AssessmentError
    │   │   └── InputError (a batch input or output that cannot be read or written)
    │   ├── EvaluationError
    │   │   └── PlanError
    │   ├── CostsError
    │   ├── CaseSuiteError
    │   ├── CorpusError
    │   └── CrosswalkError
    ├── RulesetNotFoundError (also LookupError)
    ├── LanguageError (also ValueError)
    └── ExtraMissingError (an optional extra such as openpyxl is not installed)

>>> import spbe_rules
>>> from spbe_rules.errors import ValidationError
>>> try:
...     spbe_rules.parse_assessment({"instansi": "Contoh"})
... except ValidationError as e:
...     print(e.problems[0].code)
LEVELS_OR_STAGES
"""

from __future__ import annotations

from ._analysis.cases import CaseSuiteError
from ._analysis.impact_corpus import CorpusError
from ._analysis.plan_input import CostsError, PlanError
from ._base.errors import (
    AssessmentError,
    EvaluationError,
    LanguageError,
    Location,
    Problem,
    RulesetError,
    RulesetNotFoundError,
    SpbeError,
    ValidationError,
)
from ._io.batch_io import ExtraMissingError, InputError
from ._loading.crosswalk import CrosswalkError

__all__ = [
    "AssessmentError",
    "CaseSuiteError",
    "CorpusError",
    "CostsError",
    "CrosswalkError",
    "EvaluationError",
    "ExtraMissingError",
    "InputError",
    "LanguageError",
    "Location",
    "PlanError",
    "Problem",
    "RulesetError",
    "RulesetNotFoundError",
    "SpbeError",
    "ValidationError",
]
