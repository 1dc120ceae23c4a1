"""The data model: a ruleset and its parts, an assessment and its parts, and the crosswalk.

*Model data: set aturan beserta bagian-bagiannya, penilaian beserta bagian-bagiannya, dan padanan
indikator (crosswalk).*

Every class here is a frozen attrs class made by the loaders; read them, do not build them by
hand (load a changed file instead). :func:`spbe_rules.load_ruleset` returns a :class:`Ruleset`,
:func:`spbe_rules.load_assessment` an :class:`Assessment`; both are also at the top level.
The conditions of rules and documents are in :mod:`spbe_rules.conditions`.

>>> import spbe_rules
>>> from spbe_rules.model import Indicator
>>> rs = spbe_rules.load_ruleset("pedoman-3-2024")
>>> isinstance(rs.indicators[0], Indicator)
True
"""

from __future__ import annotations

from ._loading.assessment import Assessment, ReviewMark, ScoreGiven, StageLevels, SubLevelsGiven
from ._loading.evidence import EvidenceItem, Verdict
from ._model.crosswalk import Crosswalk, CrosswalkLink, NotCarried, Unmapped
from ._model.model import (
    Aspect,
    Band,
    Capability,
    Citation,
    Display,
    Document,
    Domain,
    ExternalScore,
    Indicator,
    Message,
    Predikat,
    Rule,
    Ruleset,
    Scale,
    ScoreBand,
    SourceInfo,
    Stage,
    SubLevels,
)
from ._model.requirements import EvidenceKind, EvidenceNeed, EvidencePolicy, MaxAge, PageCitation, Requirement, Unavailable, Wording

__all__ = [
    "Aspect",
    "Assessment",
    "Band",
    "Capability",
    "Citation",
    "Crosswalk",
    "CrosswalkLink",
    "Display",
    "Document",
    "Domain",
    "EvidenceItem",
    "EvidenceKind",
    "EvidenceNeed",
    "EvidencePolicy",
    "ExternalScore",
    "Indicator",
    "MaxAge",
    "Message",
    "NotCarried",
    "PageCitation",
    "Predikat",
    "Requirement",
    "ReviewMark",
    "Rule",
    "Ruleset",
    "Scale",
    "ScoreBand",
    "ScoreGiven",
    "SourceInfo",
    "Stage",
    "StageLevels",
    "SubLevels",
    "SubLevelsGiven",
    "Unavailable",
    "Unmapped",
    "Verdict",
    "Wording",
]
