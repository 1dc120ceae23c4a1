"""Properties of the rule layer, on small random rulesets written as YAML text.

A tiny generator writes a complete ruleset (3-6 indicators in two domains) with
random documents (some inferred from indicator levels or other documents by
`implied_by`) and random `cap` / `requires` rules whose conditions mix
indicators, documents, `all`, `any` and `not`. Rulesets the loader refuses must
be refused for a real reason, checked here independently (a cycle among rules
or documents, or a rule that targets nothing). For the others, on random
assessments:

* a cap never raises a level: effective level <= submitted level, and the
  effective levels equal an independent, recursive reading of the rules;
* with no rules, or with every rule switched off, the result equals the one
  under the same ruleset with its `rules:` section removed;
* the order of the rules in the file does not change the result;
* every indicator a rule lowered has an explanation node naming the rule;
* the JSON of every indicator carries `effective_level` and `rules`.
"""

from __future__ import annotations

import random
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from spbe_rules import Assessment, EvaluationError, RulesetError, evaluate, load_ruleset
from spbe_rules._engine.result import result_to_dict

from ruleset_strategies import rulesets, ruleset_text

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# -- an independent reading of the same data ------------------------------------------------------


def targets_of(spec: dict[str, Any], rule: dict[str, Any]) -> set[int]:
    n, split = spec["n"], spec["split"]
    if rule["kind"] == "requires":
        return {rule["indicator"]}
    t = rule["targets"]
    if isinstance(t, list):
        return set(t)
    groups = set(t.get("domains", [])) | set(t.get("aspects", []))
    chosen = set()
    for k in range(1, n + 1):
        if (k <= split and groups & {"D1", "A1"}) or (k > split and groups & {"D2", "A2"}):
            chosen.add(k)
    return chosen - set(t.get("except", []))


def _doc_names(cond: dict[str, Any]) -> set[str]:
    if "document" in cond:
        return {cond["document"]}
    if "indicator" in cond:
        return set()
    if "not" in cond:
        return _doc_names(cond["not"])
    return set().union(*(_doc_names(c) for c in cond.get("all", cond.get("any", []))))


def _has_cycle(graph: dict[Any, set[Any]]) -> bool:
    reach = {k: set(v) for k, v in graph.items()}
    changed = True
    while changed:  # transitive closure, fine for a handful of nodes
        changed = False
        for k in reach:
            more = set().union(*(reach.get(j, set()) for j in reach[k])) - reach[k]
            if more:
                reach[k] |= more
                changed = True
    return any(k in reach[k] for k in reach)


def document_cycle(spec: dict[str, Any]) -> bool:
    graph = {d["key"]: _doc_names(d["implied_by"]) if "implied_by" in d else set() for d in spec["documents"]}
    return _has_cycle(graph)


def reads(spec: dict[str, Any], cond: dict[str, Any]) -> set[int]:
    """Indicators a condition reads, through documents' implied_by too (no document cycles)."""
    if "indicator" in cond:
        return {cond["indicator"]}
    if "document" in cond:
        doc = next(d for d in spec["documents"] if d["key"] == cond["document"])
        return reads(spec, doc["implied_by"]) if "implied_by" in doc else set()
    if "not" in cond:
        return reads(spec, cond["not"])
    return set().union(*(reads(spec, c) for c in cond.get("all", cond.get("any", []))))


def rule_cycle(spec: dict[str, Any]) -> bool:
    rules = spec["rules"]
    graph = {r["id"]: {s["id"] for s in rules if targets_of(spec, r) & reads(spec, s["unless"])} for r in rules}
    return _has_cycle(graph)


class Unknown(Exception):
    pass


def oracle(spec: dict[str, Any], levels: dict[int, int], stated: dict[str, bool], on: set[str]) -> dict[int, int]:
    """Effective levels read recursively: an indicator is lowered by every switched-on rule
    targeting it whose condition fails on the (final) levels it reads."""
    memo: dict[int, int] = {}
    docs = {d["key"]: d for d in spec["documents"]}

    def doc(key: str) -> bool:
        if key in stated:
            return stated[key]
        if "implied_by" in docs[key]:
            return holds(docs[key]["implied_by"])
        raise Unknown(key)

    def holds(cond: dict[str, Any]) -> bool:
        if "indicator" in cond:
            return eff(cond["indicator"]) >= int(cond["at_least"])
        if "document" in cond:
            return doc(cond["document"])
        if "not" in cond:
            return not holds(cond["not"])
        if "all" in cond:
            return all(holds(c) for c in cond["all"])
        return any(holds(c) for c in cond["any"])

    def eff(k: int) -> int:
        if k not in memo:
            level = levels[k]
            for r in spec["rules"]:
                if r["id"] in on and k in targets_of(spec, r) and not holds(r["unless"]):
                    level = min(level, r["max_level"])
            memo[k] = level
        return memo[k]

    return {k: eff(k) for k in levels}


# -- the tests --------------------------------------------------------------------------------------


def _write(tmp: Path, name: str, text: str) -> Path:
    f = tmp / name
    f.write_text(text, encoding="utf-8")
    return f


def _comparable(result: Any, drop: tuple[str, ...] = ("ruleset",)) -> dict[str, Any]:
    d = result_to_dict(result)
    for key in drop:
        d.pop(key, None)
    return d


@st.composite
def cases(draw: Any) -> tuple[dict[str, Any], dict[int, int], dict[str, bool], list[str], list[str], int]:
    spec = draw(rulesets())
    n = spec["n"]
    levels = {k: draw(st.sampled_from([4, 2, 5, 3, 1])) for k in range(1, n + 1)}
    stated: dict[str, bool] = {}
    for d in spec["documents"]:
        # a document without implied_by is nearly always stated; sometimes left out on purpose
        if draw(st.integers(0, 5 if "implied_by" not in d else 1)) > 0:
            stated[d["key"]] = draw(st.booleans())
    ids = [r["id"] for r in spec["rules"]]
    enable = draw(st.lists(st.sampled_from(ids), unique=True)) if ids else []
    disable = draw(st.lists(st.sampled_from(ids), unique=True, max_size=1)) if ids else []
    return spec, levels, stated, enable, disable, draw(st.integers(0, 2**32 - 1))


@SETTINGS
@given(case=cases())
def test_rule_properties(case: Any, tmp_path_factory: Any) -> None:
    spec, levels, stated, enable, disable, seed = case
    event(f"rules: {len(spec['rules'])}, documents: {len(spec['documents'])}")
    tmp = tmp_path_factory.mktemp("rs")
    text = ruleset_text(spec)
    empty_targets = any(not targets_of(spec, r) for r in spec["rules"])
    try:
        rs = load_ruleset(_write(tmp, "acak.yaml", text), cache=False)
    except RulesetError as exc:
        codes = set(exc.codes)
        event(f"refused: {', '.join(sorted(codes))}")
        # refused only for a real reason, found here independently
        assert codes <= {"RULE_CYCLE", "DOCUMENT_CYCLE", "EMPTY_TARGETS"}, str(exc)
        assert ("EMPTY_TARGETS" in codes) == empty_targets, str(exc)
        if not empty_targets:
            assert ("DOCUMENT_CYCLE" in codes) == document_cycle(spec), str(exc)
            if "DOCUMENT_CYCLE" not in codes:
                assert codes == {"RULE_CYCLE"} and rule_cycle(spec), str(exc)
        return
    assert not empty_targets and not document_cycle(spec) and not rule_cycle(spec), "a cycle slipped through the loader"
    for r in spec["rules"]:
        assert rs.rule(r["id"]).targets == tuple(sorted(targets_of(spec, r)))

    assessment = Assessment.from_levels(levels, instansi="Uji", year=2031, documents=stated)
    on = {r["id"] for r in spec["rules"] if (r["enabled"] or r["id"] in enable) and r["id"] not in disable}
    try:
        expected = oracle(spec, levels, stated, on)
    except Unknown:
        expected = None
    try:
        result = evaluate(rs, assessment, enable_rules=enable, disable_rules=disable)
    except EvaluationError as exc:
        # only when a switched-on rule needed a document nobody stated and nothing implies
        event("evaluation needs an unstated document")
        assert exc.codes == ["UNKNOWN_DOCUMENT_STATE"], str(exc)
        assert expected is None, "the engine asked for a document the rules do not need"
        return
    assert expected is not None, "the engine passed over a document the rules need"

    # a cap never raises a level; the levels equal the independent reading
    eff = result.effective_levels
    lowered = [ir for ir in result.indicators if ir.rules]
    event(f"indicators lowered: {min(len(lowered), 3)}{'+' if len(lowered) >= 3 else ''}")
    if any(len(ir.rules) > 1 for ir in lowered):
        event("an indicator lowered by two rules")
    for ir in result.indicators:
        assert ir.effective_level <= ir.level == levels[ir.id]
        for rule_id in ir.rules:
            assert rule_id in on and ir.id in rs.rule(rule_id).targets
            assert ir.effective_level <= rs.rule(rule_id).max_level
    assert eff == expected
    total = sum(Fraction(w) for w in spec["weights"])
    assert result.index_exact == sum(Fraction(eff[k] * spec["weights"][k - 1]) for k in eff) / total
    for o in result.rules:
        assert o.enabled == (o.id in on)
        if not o.enabled or o.held:
            assert o.capped == ()

    # every lowered indicator has an explanation node naming the rule
    tree = result.explanation
    for ir in result.indicators:
        if ir.effective_level != ir.level:
            assert ir.rules
            node = tree.find("indicator", str(ir.id))
            assert node is not None and set(ir.rules) <= set(node.rules)
            named = {c.id for c in node.children if c.kind == "rule"}
            assert set(ir.rules) <= named
            for rule_id in ir.rules:
                assert rule_id in node.text.id and rule_id in node.text.en
                assert str(rs.rule(rule_id).max_level) in next(c for c in node.children if c.id == rule_id).text.id

    # the JSON of every indicator has effective_level and rules
    data = result_to_dict(result)
    for ind in data["indicators"]:
        assert {"effective_level", "rules"} <= set(ind)
        assert ind["effective_level"] == eff[ind["id"]]

    # the order of rules in the file does not matter
    if len(spec["rules"]) > 1:
        shuffled = list(spec["rules"])
        random.Random(seed).shuffle(shuffled)
        rs2 = load_ruleset(_write(tmp, "acak-acak.yaml", ruleset_text(spec, rules=shuffled)), cache=False)
        again = evaluate(rs2, assessment, enable_rules=enable, disable_rules=disable)
        assert _comparable(again) == _comparable(result)

    # with every rule off, the result is the one without a `rules:` section
    if spec["rules"] or spec["documents"]:
        bare = load_ruleset(_write(tmp, "tanpa-aturan.yaml", ruleset_text(spec, with_rules=False)), cache=False)
        plain = evaluate(bare, assessment)
        off = evaluate(rs, assessment, disable_rules=[r["id"] for r in spec["rules"]])
        drop = ("ruleset", "rules", "explanation")
        assert _comparable(off, drop) == _comparable(plain, drop)
        assert off.effective_levels == plain.effective_levels == levels
        assert plain.rules == () and all(not o.enabled for o in off.rules)
        if not on:
            assert _comparable(result, drop) == _comparable(plain, drop)


@settings(SETTINGS, max_examples=100)
@given(spec=rulesets(), seed=st.integers(0, 2**32 - 1))
def test_order_of_rules_does_not_change_the_loaded_rules(spec: dict[str, Any], seed: int, tmp_path_factory: Any) -> None:
    """Shuffled files are refused for the same reasons, or load to the same rules."""
    tmp = tmp_path_factory.mktemp("order")
    shuffled = list(spec["rules"])
    random.Random(seed).shuffle(shuffled)

    def load(rules: list[dict[str, Any]], name: str) -> Any:
        try:
            rs = load_ruleset(_write(tmp, name, ruleset_text(spec, rules=rules)), cache=False)
        except RulesetError as exc:
            return sorted(exc.codes)
        return sorted(rs.rules, key=lambda r: r.id)

    assert load(spec["rules"], "a.yaml") == load(shuffled, "b.yaml")


def test_two_rules_on_one_indicator_explained_in_the_order_applied(tmp_path: Path) -> None:
    """Both rules fail for indicator 3; the one applied first lowers it, and the
    explanation lists both in the order applied, whatever the order of the file."""
    spec: dict[str, Any] = {
        "n": 3,
        "split": 1,
        "weights": [1, 1, 1],
        "documents": [{"key": "dok_0", "name": "Dokumen 0"}],
        "rules": [
            {"id": "b-lunak", "kind": "cap", "targets": [3], "enabled": True, "max_level": 3, "unless": {"indicator": 1, "at_least": 4}},
            {"id": "a-keras", "kind": "cap", "targets": [2, 3], "enabled": True, "max_level": 2, "unless": {"document": "dok_0"}},
        ],
    }
    a = Assessment.from_levels({1: 2, 2: 5, 3: 5}, year=2031, documents={"dok_0": False})
    results = []
    for name, rules in (("x.yaml", spec["rules"]), ("y.yaml", spec["rules"][::-1])):
        rs = load_ruleset(_write(tmp_path, name, ruleset_text(spec, rules=rules)), cache=False)
        results.append(evaluate(rs, a))
    first, second = results
    assert _comparable(first) == _comparable(second)
    ind = first.indicator(3)
    assert (ind.level, ind.effective_level, ind.rules) == (5, 2, ("a-keras",))
    node = first.explanation.find("indicator", "3")
    assert [c.id for c in node.children] == ["a-keras", "b-lunak"]
