"""Rule switches: which rules apply in one evaluation, resolved once.

Every caller (evaluate, the batch path, what-if, gains, the planner, impact, risk,
case suites) turns ``enable_rules`` / ``disable_rules`` into a :class:`RuleSwitches`
here, so an unknown rule id is reported in one way, in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from attrs import frozen

from .._base.errors import EvaluationError, Problem
from .._base.messages import Msg
from .._model.model import Rule, Ruleset

__all__ = ["RuleSwitches", "rule_switches", "unknown_rule_problem"]


@frozen
class RuleSwitches:
    """The ids of the rules that apply (a rule is on when enabled by default or switched on, and not switched off)."""

    on: frozenset[str]
    enable_rules: tuple[str, ...] = ()
    disable_rules: tuple[str, ...] = ()

    def enabled(self, rule: Rule) -> bool:
        """Whether ``rule`` applies."""
        return rule.id in self.on

    def flags(self, rules: Sequence[Rule]) -> tuple[bool, ...]:
        """Whether each of ``rules`` applies, in their order."""
        return tuple(r.id in self.on for r in rules)


def unknown_rule_problem(ruleset: Ruleset, unknown: Iterable[str]) -> Problem:
    """The problem of rule ids that ``ruleset`` does not have."""
    return Problem(
        "UNKNOWN_RULE",
        Msg("UNKNOWN_RULE", ruleset=ruleset.id, rules=", ".join(sorted(unknown))),
        None,
        Msg("UNKNOWN_RULE.hint", rules=", ".join(r.id for r in ruleset.rules) or "-"),
    )


def rule_switches(ruleset: Ruleset, enable_rules: Iterable[str] = (), disable_rules: Iterable[str] = ()) -> RuleSwitches:
    """The switches of ``ruleset`` with ``enable_rules`` on and ``disable_rules`` off; an unknown id raises ``UNKNOWN_RULE``."""
    on, off = tuple(enable_rules), tuple(disable_rules)
    unknown = (set(on) | set(off)) - {r.id for r in ruleset.rules}
    if unknown:
        raise EvaluationError(Msg("head.unknown_rule"), [unknown_rule_problem(ruleset, unknown)])
    return RuleSwitches(frozenset(r.id for r in ruleset.rules if r.id not in off and (r.enabled or r.id in on)), on, off)
