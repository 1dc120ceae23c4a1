"""The planner's exact solver: conditions as requirements, scenarios, Pareto frontiers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from itertools import product
from math import lcm
from typing import Any
from attrs import frozen
from .._loading.assessment import Assessment
from .._engine.engine import NEEDS_DOCUMENT, compiled, unknown_document, whole_levels
from .._base.errors import Location, Problem
from .._model.conditions import ConditionVisitor
from .._model.model import AllOf, AnyOf, AtLeast, Condition, HasDocument, Not, Rule, Ruleset
from .._engine.result import Result
from .plan_input import Costs, Limits, PlanError

MAX_SCENARIOS = 20_000
MAX_CONJUNCTS = 512


# -- conditions as requirements ---------------------------------------------------------

# A conjunct: minimum levels (position -> level, sorted pairs) and documents to obtain.
Conj = tuple[tuple[tuple[int, int], ...], frozenset[str]]
_TRUE: Conj = ((), frozenset())


def _and(a: Conj, b: Conj) -> Conj:
    lbs = dict(a[0])
    for p, lv in b[0]:
        if lbs.get(p, -1) < lv:
            lbs[p] = lv
    return tuple(sorted(lbs.items())), a[1] | b[1]


def _weaker(a: Conj, b: Conj) -> bool:
    """Whatever satisfies ``b`` satisfies ``a``."""
    if not a[1] <= b[1]:
        return False
    lb = dict(b[0])
    return all(lb.get(p, -1) >= lv for p, lv in a[0])


def _simplify(items: Iterable[Conj]) -> list[Conj]:
    uniq = sorted(set(items), key=lambda c: (len(c[0]) + len(c[1]), sorted(c[1]), c[0]))
    out: list[Conj] = []
    for c in uniq:
        if not any(_weaker(o, c) for o in out):
            out.append(c)
    return out


# -- the solver -------------------------------------------------------------------------


def _frontier(
    groups: Sequence[Sequence[tuple[int, int]]], cap: int, prune_below: int, ub: int | None
) -> tuple[list[int], list[int], list[list[tuple[int, int]]]]:
    """Multiple-choice knapsack by Pareto frontiers.

    ``groups[j]`` lists options (gain, key) of group j; each solution takes one option
    per group. Returns the final frontier (keys ascending, gains strictly increasing,
    gains capped at ``cap``) and back-pointers per group. States that cannot reach
    ``prune_below`` gain any more, or whose key (with the least keys still to add)
    exceeds ``ub``, are dropped.
    """
    n = len(groups)
    rem_gain = [0] * (n + 1)
    rem_key = [0] * (n + 1)
    for j in range(n - 1, -1, -1):
        rem_gain[j] = rem_gain[j + 1] + max(g for g, _ in groups[j])
        rem_key[j] = rem_key[j + 1] + min(k for _, k in groups[j])
    keys, gains = [0], [0]
    layers: list[list[tuple[int, int]]] = []
    for j, opts in enumerate(groups):
        rg, rk = rem_gain[j + 1], rem_key[j + 1]
        limit = None if ub is None else ub - rk
        cands: list[tuple[int, int, int, int]] = []
        append = cands.append
        for si in range(len(keys)):
            k, g = keys[si], gains[si]
            for oi, (og, ok) in enumerate(opts):
                ng = g + og
                if ng > cap:
                    ng = cap
                if ng + rg < prune_below:
                    continue
                nk = k + ok
                if limit is not None and nk > limit:
                    continue
                append((nk, -ng, si, oi))
        cands.sort()
        nkeys: list[int] = []
        ngains: list[int] = []
        back: list[tuple[int, int]] = []
        best = -1
        for nk, mg, si, oi in cands:
            if -mg > best:
                best = -mg
                nkeys.append(nk)
                ngains.append(best)
                back.append((si, oi))
        layers.append(back)
        keys, gains = nkeys, ngains
        if not keys:
            break
    return keys, gains, layers


def _backtrack(layers: list[list[tuple[int, int]]], index: int) -> list[int]:
    choice = [0] * len(layers)
    si = index
    for j in range(len(layers) - 1, -1, -1):
        si, oi = layers[j][si]
        choice[j] = oi
    return choice


@frozen
class _Scenario:
    forced: frozenset[str]
    req: Conj
    order: int


_Setup = tuple[int, int, list[int], list[list[tuple[int, int]]], list[list[int]], list[int]]


@frozen
class _Solution:
    key: int
    total: int  # the scenario's scaled total (a lower bound of the real one)
    x: tuple[int, ...]
    docs: frozenset[str]


class _Planner:
    def __init__(self, ruleset: Ruleset, before: Result, assessment: Assessment, costs: Costs, limits: Limits, enabled: Any) -> None:
        self.rs = ruleset
        c = self.c = compiled(ruleset)
        self.n = len(c.numbers)
        self.cur = whole_levels(((i.id, i.level) for i in before.indicators), "the planner")
        smin, smax = ruleset.scale.min, ruleset.scale.max
        self.hi: list[int] = []
        for number, lv in zip(c.numbers, self.cur):
            up = limits.raise_limit(number)
            self.hi.append(smax if up is None else max(lv, min(smax, lv + up)))
        self.stated: dict[str, bool] = dict(assessment.documents)
        self.rules: list[Rule] = [r for r in c.rule_order if enabled(r)]
        self.targeting: list[list[Rule]] = [[] for _ in range(self.n)]
        for r in self.rules:
            for number in r.targets:
                self.targeting[c.position[number]].append(r)
        self.unavailable = limits.unavailable_documents
        # exact costs as whole numbers
        fracs: list[Fraction] = [costs.default_step, costs.document_cost("")]
        fracs += list(costs.indicators.values()) + list(costs.documents.values())
        fracs += [v for per in costs.steps.values() for v in per.values()]
        if limits.budget is not None:
            fracs.append(limits.budget)
        self.cscale = cscale = lcm(*(f.denominator for f in fracs))
        self.cum: list[list[int]] = []  # cum[p][x] = scaled cost of raising p from cur to x (x >= cur)
        for p, number in enumerate(c.numbers):
            row = [0] * (smax + 1)
            total = 0
            for lv in range(self.cur[p] + 1, smax + 1):
                total += int(costs.step_cost(number, lv) * cscale)
                row[lv] = total
            self.cum.append(row)
        self.doc_cost = {d.key: int(costs.document_cost(d.key) * cscale) for d in ruleset.documents}
        # the objective packed in one int: cost, steps, levels, raise pattern
        R = smax - smin
        self.R = R
        self.SB = self.n + len(ruleset.documents) + 1
        self.LB = self.n * R + 1
        self.DB: int = int((R + 1) ** self.n)
        self.MC = self.SB * self.LB * self.DB
        self.place: list[int] = [int((R + 1) ** (self.n - 1 - p)) for p in range(self.n)]
        self._setups: dict[_Scenario, _Setup] = {}
        self.budget_key = None if limits.budget is None else (int(limits.budget * cscale) + 1) * self.MC - 1

    # keys --------------------------------------------------------------------------

    def term(self, p: int, x: int) -> int:
        k = x - self.cur[p]
        return ((self.cum[p][x] * self.SB + (1 if k else 0)) * self.LB + k) * self.DB + (self.R - k) * self.place[p]

    def doc_term(self, key: str) -> int:
        return (self.doc_cost[key] * self.SB + 1) * self.LB * self.DB

    def cost_of_key(self, key: int) -> Fraction:
        return Fraction(key // self.MC, self.cscale)

    # conditions --------------------------------------------------------------------

    def dnf(self, cond: Condition, rule: Rule, depth: int = 0) -> list[Conj]:
        """The ways ``cond`` (of ``rule``) can be satisfied: a disjunction of conjuncts."""
        if depth > 64:
            raise self._problem("PLAN_TOO_COMPLEX", f"the condition of rule `{rule.id}` is nested too deep for the planner", rule)
        return _Dnf(self, rule, depth).visit(cond)

    def _problem(self, code: str, message: str, rule: Rule, hint: str | None = None) -> PlanError:
        return PlanError(
            "the planner cannot handle this ruleset", [Problem(code, message, Location(self.rs.origin or self.rs.id, json_path=f"$.rules[{rule.id}]"), hint)]
        )

    def scenarios(self) -> list[_Scenario]:
        options: list[list[Conj | None]] = []
        for r in self.rules:
            d = self.dnf(r.unless, r)
            if _TRUE in d:
                options.append([_TRUE])
            else:
                options.append([None, *d])
        count = 1
        for opts in options:
            count *= len(opts)
        if count > MAX_SCENARIOS:
            raise PlanError(
                "the planner cannot handle this ruleset",
                [
                    Problem(
                        "PLAN_TOO_COMPLEX",
                        f"the enabled rules give {count} combinations to examine (at most {MAX_SCENARIOS})",
                        Location(self.rs.origin or self.rs.id),
                        "disable optional rules that do not matter for this plan",
                    )
                ],
            )
        found: dict[tuple[frozenset[str], Conj], _Scenario] = {}
        for combo in product(*options):
            forced = frozenset(r.id for r, o in zip(self.rules, combo) if o is not None)
            req = _TRUE
            for o in combo:
                if o is not None:
                    req = _and(req, o)
            if not self._consistent(forced, req):
                continue
            k = (forced, req)
            if k not in found:
                found[k] = _Scenario(forced, req, len(found))
        out = list(found.values())
        if len(out) <= 2000:  # drop dominated scenarios: more rules released with weaker requirements
            keep = []
            for a in out:
                if not any(b is not a and b.forced >= a.forced and _weaker(b.req, a.req) and (b.forced != a.forced or b.req != a.req) for b in out):
                    keep.append(a)
            out = keep
        return out

    def _consistent(self, forced: frozenset[str], req: Conj) -> bool:
        for p, lv in req[0]:
            if lv > self.hi[p]:
                return False
            for r in self.targeting[p]:
                if r.max_level < lv and r.id not in forced:
                    return False
        return True

    # one scenario ------------------------------------------------------------------

    def _setup(self, sc: _Scenario) -> _Setup:
        """Base total, constant key, the positions with a choice, their options (gain, key) and levels, lowest levels."""
        got = self._setups.get(sc)
        if got is None:
            got = self._setups[sc] = self._make_setup(sc)
        return got

    def _make_setup(self, sc: _Scenario) -> _Setup:
        c = self.c
        caps = [1 << 30] * self.n
        for r in self.rules:
            if r.id not in sc.forced:
                for number in r.targets:
                    p = c.position[number]
                    if r.max_level < caps[p]:
                        caps[p] = r.max_level
        lbs = dict(sc.req[0])
        base = 0
        const = sum(self.doc_term(k) for k in sc.req[1])
        positions: list[int] = []
        groups: list[list[tuple[int, int]]] = []
        levels: list[list[int]] = []
        lows: list[int] = []
        for p in range(self.n):
            lo = max(self.cur[p], lbs.get(p, 0))
            lows.append(lo)
            cap = caps[p]
            w = c.w[p]
            e0 = min(lo, cap)
            base += w * e0
            top = min(self.hi[p], cap)
            if top <= lo:
                const += self.term(p, lo)
                continue
            t0 = self.term(p, lo)
            opts = [(0, t0)]
            lvls = [lo]
            for x in range(lo + 1, top + 1):
                opts.append((w * (x - e0), self.term(p, x)))
                lvls.append(x)
            positions.append(p)
            groups.append(opts)
            levels.append(lvls)
        return base, const, positions, groups, levels, lows

    def solve(self, sc: _Scenario, need_total: int, ub: int | None) -> _Solution | None:
        base, const, positions, groups, levels, lows = self._setup(sc)
        need = need_total - base
        x = list(lows)
        if need <= 0 or not groups:
            if need > 0:
                return None
            key = const + sum(g[0][1] for g in groups)
            if ub is not None and key > ub:
                return None
            return _Solution(key, base, tuple(x), sc.req[1])
        keys, gains, layers = _frontier(groups, need, need, None if ub is None else ub - const)
        if len(layers) < len(groups) or not keys or gains[-1] < need:
            return None
        idx = next(i for i, g in enumerate(gains) if g >= need)
        choice = _backtrack(layers, idx)
        total = base
        for j, oi in enumerate(choice):
            x[positions[j]] = levels[j][oi]
            total += groups[j][oi][0]
        return _Solution(const + keys[idx], total, tuple(x), sc.req[1])

    def best_total(self, sc: _Scenario) -> int | None:
        """The highest scaled total this scenario reaches within the budget (None: not within it)."""
        base, const, positions, groups, levels, lows = self._setup(sc)
        ub = self.budget_key
        if ub is None:
            return base + sum(max(g for g, _ in opts) for opts in groups)
        floor_key = const + sum(min(k for _, k in opts) for opts in groups)
        if floor_key > ub:
            return None
        if not groups:
            return base
        cap = sum(max(g for g, _ in opts) for opts in groups)
        keys, gains, layers = _frontier(groups, cap, 0, ub - const)
        if len(layers) < len(groups) or not keys:
            return None
        return base + gains[-1]

    def minimum(self, scenarios: list[_Scenario], need_total: int) -> _Solution | None:
        ordered = sorted(scenarios, key=lambda s: (self._floor(s), s.order))
        best: _Solution | None = None
        for sc in ordered:
            ub = self.budget_key
            if best is not None:
                ub = best.key if ub is None else min(ub, best.key)
                if self._floor(sc) > ub:
                    continue
            sol = self.solve(sc, need_total, ub)
            if sol is not None and (best is None or sol.key < best.key):
                best = sol
        return best

    def _floor(self, sc: _Scenario) -> int:
        base, const, positions, groups, levels, lows = self._setup(sc)
        return const + sum(opts[0][1] for opts in groups)


class _Dnf(ConditionVisitor[list[Conj]]):
    """A condition of ``rule`` as the planner's disjunctive normal form (a visitor of the one condition walker)."""

    __slots__ = ("planner", "rule", "depth")

    def __init__(self, planner: _Planner, rule: Rule, depth: int) -> None:
        self.planner = planner
        self.rule = rule
        self.depth = depth

    def _sub(self, cond: Condition) -> list[Conj]:
        return self.planner.dnf(cond, self.rule, self.depth + 1)

    def at_least(self, cond: AtLeast) -> list[Conj]:
        return [(((self.planner.c.position[cond.indicator], cond.level),), frozenset())]

    def has_document(self, cond: HasDocument) -> list[Conj]:
        pl, rule = self.planner, self.rule
        key = cond.document
        state = pl.stated.get(key)
        if state is True:
            return [_TRUE]
        out: list[Conj] = []
        if state is None:
            implied = pl.c.docs.get(key)
            if implied is None:
                raise PlanError(NEEDS_DOCUMENT, [unknown_document(pl.rs, rule.id, key, Location("<assessment>", json_path="$.documents"))])
            out += self._sub(implied)
        if key not in pl.unavailable:
            out.append(((), frozenset({key})))
        return _simplify(out)

    def not_(self, _cond: Not) -> list[Conj]:
        raise self.planner._problem(
            "PLAN_UNSUPPORTED_CONDITION",
            f"rule `{self.rule.id}` has a `not` condition; the planner supports only `indicator`, `document`, `all` and `any` conditions (a `not` condition can become false when levels rise, so the cheapest plan cannot be searched the same way)",
            self.rule,
            "disable the rule for planning (--disable-rule), or rewrite the condition without `not`",
        )

    def all_of(self, cond: AllOf) -> list[Conj]:
        acc = [_TRUE]
        for item in cond.items:
            acc = _simplify(_and(a, b) for a in acc for b in self._sub(item))
            if len(acc) > MAX_CONJUNCTS:
                raise self.planner._problem(
                    "PLAN_TOO_COMPLEX", f"the condition of rule `{self.rule.id}` has too many ways to be satisfied for the planner", self.rule
                )
        return acc

    def any_of(self, cond: AnyOf) -> list[Conj]:
        acc: list[Conj] = []
        for item in cond.items:
            acc += self._sub(item)
        return _simplify(acc)
