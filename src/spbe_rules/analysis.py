"""What the analyses return: plans, what-ifs, gains, diffs, impact, risk, year-over-year comparison,
the Indeks Pemdi estimate and case-suite reports, with their parts and JSON helpers.

*Hasil analisis: rencana, simulasi, nilai tambah, perbedaan set aturan, dampak, risiko, perbandingan
antartahun, perkiraan Indeks Pemdi dan laporan kasus uji, beserta bagian-bagiannya.*

The functions that run the analyses are at the top level, next to ``evaluate``:

========================================  =====================================================
top-level function                        returns (from this module)
========================================  =====================================================
:func:`spbe_rules.plan`                   :class:`Plan` (steps: :class:`PlanStep`)
:func:`spbe_rules.load_costs`             :class:`Costs` (also :func:`parse_costs`)
:func:`spbe_rules.whatif`                 :class:`WhatIf`
:func:`spbe_rules.gains`                  :class:`Gains`
:func:`spbe_rules.diff`                   :class:`RulesetDiff`
:func:`spbe_rules.impact`                 :class:`ImpactReport`
:func:`spbe_rules.risk`                   :class:`Risk`
:func:`spbe_rules.compare_years`          :class:`YearComparison`
:func:`spbe_rules.estimate_transition`    :class:`TransitionEstimate`
:func:`spbe_rules.load_suite`             :class:`Suite`
:func:`spbe_rules.run_suite`              :class:`SuiteReport`
========================================  =====================================================

The planner's inputs are here too (:class:`Limits`, :class:`Target`), and the ``*_to_dict``
functions give the JSON documents that the command line prints with ``--format json``.

>>> import spbe_rules
>>> from spbe_rules.analysis import Limits, Plan
>>> rs = spbe_rules.load_ruleset("pedoman-3-2024")
>>> a = spbe_rules.Assessment.from_levels({n: 2 for n in rs.numbers}, instansi="Contoh", year=2024)
>>> p = spbe_rules.plan(rs, a, "Baik", limits=Limits(max_raise=1))
>>> isinstance(p, Plan), p.reachable
(True, True)
"""

from __future__ import annotations

from ._analysis.cases import Case, CaseException, Expect, NotReproduced, Suite, SuiteSource
from ._analysis.cases_run import CaseReport, Mismatch, NodeRef, SuiteReport
from ._analysis.compare import DomainTrack, IndicatorTrack, RulesetEffect, Year, YearComparison, YearStep, compare_to_dict
from ._analysis.diff import Change, Place, RulesetDiff, RulesetSide
from ._analysis.impact import CauseCount, ImpactReport, ImpactRow, ImpactSummary, Outcome, Transition
from ._analysis.plan import Plan, PlanStep, plan_to_dict
from ._analysis.plan_input import Costs, Limits, Target, parse_costs
from ._analysis.risk import Boundary, Drop, Risk, risk_to_dict
from ._analysis.transition import IndicatorEstimate, TransitionEstimate, render_transition
from ._analysis.whatif import DocumentChange, DomainGain, Gain, Gains, IndexDelta, Release, Unlock, WhatIf, gains_to_dict, whatif_to_dict
from ._loading.crosswalk import load_crosswalk

__all__ = [
    "Boundary",
    "Case",
    "CaseException",
    "CaseReport",
    "CauseCount",
    "Change",
    "Costs",
    "DocumentChange",
    "DomainGain",
    "DomainTrack",
    "Drop",
    "Expect",
    "Gain",
    "Gains",
    "ImpactReport",
    "ImpactRow",
    "ImpactSummary",
    "IndexDelta",
    "IndicatorEstimate",
    "IndicatorTrack",
    "Limits",
    "Mismatch",
    "NodeRef",
    "NotReproduced",
    "Outcome",
    "Place",
    "Plan",
    "PlanStep",
    "Release",
    "Risk",
    "RulesetDiff",
    "RulesetEffect",
    "RulesetSide",
    "Suite",
    "SuiteReport",
    "SuiteSource",
    "Target",
    "Transition",
    "TransitionEstimate",
    "Unlock",
    "WhatIf",
    "Year",
    "YearComparison",
    "YearStep",
    "compare_to_dict",
    "gains_to_dict",
    "load_crosswalk",
    "parse_costs",
    "plan_to_dict",
    "render_transition",
    "risk_to_dict",
    "whatif_to_dict",
]
