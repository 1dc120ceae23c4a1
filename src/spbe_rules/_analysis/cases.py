"""Case suites: worked examples with the results they must give.

A suite file (``format: spbe-rules/cases@1``, see ``schemas/cases.schema.json``)
lists cases; each case is an assessment and what its evaluation must show.
:func:`load_suite` reads and checks a file (every problem with ``file:line``);
:func:`run_suite` evaluates every case and compares. A failure names the case,
the field, what was expected and what came out, and the trail through the
explanation tree that leads to the difference: the failing field's node, then
the first child whose value differs from an expected one, else the first child
that a dependency rule changed, down to the rule that did it.

Comparison: displayed values (``index``, ``domains``, ``aspects``) are compared
as text exactly as shown; with ``tolerance`` they, and ``index_exact``, are
compared by exact value within that distance. Nothing is ever a float.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from attrs import field, frozen

from .._loading.assessment import Assessment, parse_assessment
from .._model.converter import exact_text, to_fraction
from .._base.errors import Location, Problem, ValidationError
from .._engine.evaluate import evaluate
from .._engine.explain import Node, Text
from .._loading.load import load_ruleset, resolve_ruleset_path
from .._model.model import Ruleset
from .._loading.registry import ruleset_for_year
from .._engine.result import Result
from .._loading.schema import schema_problems
from .._loading.source import PosDict, locate, read_source
from .._loading.sniff import CASES_FORMAT
from .._base.links import docs_url

__all__ = [
    "CASES_FORMAT",
    "Case",
    "CaseReport",
    "CaseSuiteError",
    "Expect",
    "Mismatch",
    "NodeRef",
    "NotReproduced",
    "Suite",
    "SuiteReport",
    "SuiteSource",
    "is_suite_data",
    "load_suite",
    "run_case",
    "run_suite",
]




class CaseSuiteError(ValidationError):
    """A case-suite file is not valid (every problem with its file:line)."""


# -- the suite ---------------------------------------------------------------------------


@frozen
class Expect:
    """What a case's evaluation must give; ``None`` / empty means "not checked"."""

    index: str | None = None
    predikat: str | None = None
    index_exact: Fraction | None = None
    domains: Mapping[str, str] = field(factory=dict)
    aspects: Mapping[str, str] = field(factory=dict)
    effective_levels: Mapping[int, int] = field(factory=dict)
    tolerance: Fraction | None = None
    error: str | None = None


@frozen
class Case:
    """One worked example. ``file`` and ``line`` say where it is written."""

    name: str
    assessment: Assessment
    expect: Expect
    ruleset: str | None = None
    enable_rules: tuple[str, ...] = ()
    disable_rules: tuple[str, ...] = ()
    missing: Literal["error", "lowest"] = "error"
    note: str | None = None
    file: str = field(default="", eq=False)
    line: int | None = field(default=None, eq=False)

    @property
    def place(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


@frozen
class SuiteSource:
    title: str
    note: str | None = None
    url: str | None = None
    date: str | None = None


@frozen
class NotReproduced:
    """A published row that no assessment reproduces; listed, not run."""

    name: str
    reason: str


@frozen
class Suite:
    """A case-suite file, read and checked."""

    path: str
    cases: tuple[Case, ...]
    ruleset: str | None = None
    description: str | None = None
    source: SuiteSource | None = None
    not_reproduced: tuple[NotReproduced, ...] = ()
    boundary_sensitive: tuple[str, ...] = ()

    def case(self, name: str) -> Case:
        for c in self.cases:
            if c.name == name:
                return c
        raise KeyError(name)


def is_suite_data(data: Any) -> bool:
    """True when parsed file data is a case suite (``format: spbe-rules/cases@1``, or ``cases:`` without a format)."""
    if not isinstance(data, dict):
        return False
    fmt = data.get("format")
    return fmt == CASES_FORMAT or (fmt is None and "cases" in data)


def _text(value: Any) -> str:
    # numbers were read digit by digit (Decimal), so str() gives them back as written
    return value if isinstance(value, str) else str(value)


_loaded: dict[str, tuple[tuple[int, int], Suite]] = {}


def load_suite(path: str | os.PathLike[str]) -> Suite:
    """Read a case-suite file; raise :class:`CaseSuiteError` naming every problem with file:line.

    A suite read before is reused while the file keeps its size and modification time."""
    name = str(path)
    try:
        st = os.stat(name)
        stamp: tuple[int, int] | None = (st.st_size, st.st_mtime_ns)
    except OSError:
        stamp = None
    hit = _loaded.get(name)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    suite = _load_suite(name)
    if stamp is not None:
        if len(_loaded) >= 32:
            _loaded.clear()
        _loaded[name] = (stamp, suite)
    return suite


def _load_suite(name: str) -> Suite:
    src = read_source(name, what="case suite", error=CaseSuiteError)
    data = src.data
    if not isinstance(data, PosDict):
        raise CaseSuiteError(
            "case suite is not valid",
            [Problem("TYPE", "a case suite must be a mapping (format:, ruleset:, cases:)", Location(name, 1, 1), f"see {docs_url('formats', 'case-suite')}")],
        )
    problems = schema_problems("cases", data, name)
    if problems:
        raise CaseSuiteError("case suite is not valid", problems)
    cases: list[Case] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(data["cases"]):
        where = locate(data, ["cases", i], name)
        case_name = raw["name"]
        if case_name in seen:
            problems.append(
                Problem(
                    "DUPLICATE_CASE",
                    f"the case name {case_name!r} is used twice (first at line {seen[case_name]})",
                    locate(data, ["cases", i, "name"], name),
                    "give every case its own name: failures are reported by name",
                )
            )
        else:
            seen[case_name] = where.line or 0
        try:
            assessment = parse_assessment(raw["assessment"], name)
        except ValidationError as exc:
            prefix = locate(data, ["cases", i, "assessment"], name).json_path
            problems.extend(_prefixed(p, prefix) for p in exc.problems)
            continue
        expect = _expect(raw["expect"], data, i, name, problems)
        cases.append(
            Case(
                name=case_name,
                assessment=assessment,
                expect=expect,
                ruleset=raw.get("ruleset"),
                enable_rules=tuple(raw.get("enable_rules", ())),
                disable_rules=tuple(raw.get("disable_rules", ())),
                missing=raw.get("missing", "error"),
                note=raw.get("note"),
                file=name,
                line=where.line,
            )
        )
    boundary = tuple(data.get("boundary_sensitive", ()))
    for j, bname in enumerate(boundary):
        if bname not in seen:
            problems.append(
                Problem(
                    "UNKNOWN_CASE",
                    f"`boundary_sensitive` names {bname!r}, which is not a case of this suite",
                    locate(data, ["boundary_sensitive", j], name),
                    "use a case name exactly as written under `cases:`",
                )
            )
    if problems:
        raise CaseSuiteError("case suite is not valid", problems)
    source = data.get("source")
    return Suite(
        path=name,
        cases=tuple(cases),
        ruleset=data.get("ruleset"),
        description=data.get("description"),
        source=None if source is None else SuiteSource(source["title"], source.get("note"), source.get("url"), source.get("date")),
        not_reproduced=tuple(NotReproduced(r["name"], r["reason"]) for r in data.get("not_reproduced", ())),
        boundary_sensitive=boundary,
    )


def _prefixed(p: Problem, prefix: str) -> Problem:
    loc = p.location
    json_path = prefix + loc.json_path[1:] if loc.json_path.startswith("$") else loc.json_path
    return Problem(p.code, p.message, Location(loc.file, loc.line, loc.col, json_path), p.hint)


def _expect(raw: PosDict, data: PosDict, i: int, name: str, problems: list[Problem]) -> Expect:
    def exact(value: Any) -> Fraction:
        return to_fraction(value)

    if "error" in raw:
        others = [k for k in raw if k not in ("error",)]
        if others:
            problems.append(
                Problem(
                    "EXPECT_CONFLICT",
                    f"`error` says the evaluation must fail, so {', '.join(f'`{k}`' for k in others)} cannot be checked",
                    locate(data, ["cases", i, "expect", others[0]], name),
                    "write either `error:` or the expected values, in separate cases",
                )
            )
    return Expect(
        index=None if "index" not in raw else _text(raw["index"]),
        predikat=raw.get("predikat"),
        index_exact=None if "index_exact" not in raw else exact(raw["index_exact"]),
        domains={k: _text(v) for k, v in raw.get("domains", {}).items()},
        aspects={k: _text(v) for k, v in raw.get("aspects", {}).items()},
        effective_levels={int(k): v for k, v in raw.get("effective_levels", {}).items()},
        tolerance=None if "tolerance" not in raw else exact(raw["tolerance"]),
        error=raw.get("error"),
    )


# -- reports -----------------------------------------------------------------------------


@frozen
class NodeRef:
    """One node of the explanation tree, as shown in a failure."""

    kind: str
    id: str
    title: str
    value: str | None
    text: Text
    rules: tuple[str, ...] = ()
    legal_basis: tuple[str, ...] = ()

    @classmethod
    def of(cls, node: Node) -> NodeRef:
        return cls(node.kind, node.id, node.title, node.value, node.text, node.rules, node.legal_basis)

    def label(self, lang: str = "en") -> str:
        w = _KINDS["id" if lang == "id" else "en"]
        kind = w.get(self.kind, self.kind)
        if self.kind == "index":
            head = kind
        elif self.kind == "rule":
            head = f"{kind} {self.id}"
        else:
            head = f"{kind} {self.id} {self.title}"
        if self.value is not None:
            head += f" = {self.value}"
        if self.rules and self.kind != "rule":
            head += f" [{w['rules']}: {', '.join(self.rules)}]"
        return head


@frozen
class Mismatch:
    """One checked field that differs: ``field`` is e.g. ``index``, ``domains.D3``, ``effective_levels.21``."""

    field: str
    expected: str
    got: str
    trail: tuple[NodeRef, ...] = ()


@frozen
class CaseReport:
    name: str
    passed: bool
    ruleset: str | None
    place: str
    mismatches: tuple[Mismatch, ...] = ()

    def render(self, lang: str = "en") -> str:
        """A readable report of this case (a failure shows every differing field and its trail); ``lang`` is ``en`` or ``id``."""
        w = _WORDS["id" if lang == "id" else "en"]
        head = f"{w['pass'] if self.passed else w['fail']} {self.name} ({self.place}; {w['ruleset']} {self.ruleset or '?'})"
        lines = [head]
        for m in self.mismatches:
            lines.append(f"  {m.field}: {w['expected']} {m.expected}, {w['got']} {m.got}")
            for depth, n in enumerate(m.trail):
                pad = "    " + "  " * depth
                lines.append(f"{pad}{w['at'] + ' ' if depth == 0 else '-> '}{n.label(lang)}")
                text = n.text.id if lang == "id" else n.text.en
                if text:
                    lines.append(f"{pad}   {text}")
        return "\n".join(lines)


@frozen
class SuiteReport:
    """The outcome of running one suite."""

    path: str
    ruleset: str | None
    cases: tuple[CaseReport, ...]
    not_reproduced: tuple[NotReproduced, ...] = ()

    @property
    def passed(self) -> int:
        return sum(1 for c in self.cases if c.passed)

    @property
    def failed(self) -> int:
        return sum(1 for c in self.cases if not c.passed)

    @property
    def ok(self) -> bool:
        return all(c.passed for c in self.cases)

    @property
    def failures(self) -> tuple[CaseReport, ...]:
        return tuple(c for c in self.cases if not c.passed)

    def render(self, lang: str = "en", *, verbose: bool = False) -> str:
        lines = []
        for c in self.cases:
            if verbose or not c.passed:
                lines.append(c.render(lang))
        w = _WORDS["id" if lang == "id" else "en"]
        skipped = f", {len(self.not_reproduced)} {w['not_reproduced']}" if self.not_reproduced else ""
        lines.append(f"{self.path}: {self.passed} {w['passed']}, {self.failed} {w['failed']}{skipped}")
        return "\n".join(lines)


_KINDS: dict[str, dict[str, str]] = {
    "en": {"index": "index", "domain": "domain", "aspect": "aspect", "indicator": "indicator", "rule": "rule", "rules": "rules"},
    "id": {"index": "indeks", "domain": "domain", "aspect": "aspek", "indicator": "indikator", "rule": "aturan", "rules": "aturan"},
}

# The words around the case names and values in a report (the explanation texts have their own languages).
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "pass": "PASS", "fail": "FAIL", "ruleset": "ruleset", "expected": "expected", "got": "got", "at": "at",
        "passed": "passed", "failed": "failed", "not_reproduced": "listed as not reproducible",
    },
    "id": {
        "pass": "LULUS", "fail": "GAGAL", "ruleset": "aturan", "expected": "diharapkan", "got": "didapat", "at": "di",
        "passed": "lulus", "failed": "gagal", "not_reproduced": "tercatat tidak dapat direproduksi",
    },
}


# -- running -----------------------------------------------------------------------------


class _Rulesets:
    """Rulesets of one run, each loaded once."""

    def __init__(self, suite: Suite, override: Ruleset | str | os.PathLike[str] | None) -> None:
        self.near = Path(suite.path).parent
        self.suite = suite
        self.override: Ruleset | None = None
        if isinstance(override, Ruleset):
            self.override = override
        elif override is not None:
            self.override = load_ruleset(override)
        self.loaded: dict[str, Ruleset] = {}

    def get(self, case: Case) -> Ruleset:
        if self.override is not None:
            return self.override
        ref = case.ruleset or case.assessment.ruleset or self.suite.ruleset
        if ref is None:
            ref = ruleset_for_year(case.assessment.year)
        if ref not in self.loaded:
            # an id names an installed ruleset; a path is read relative to the suite file
            # (ids are not looked up beside the suite: suites/pedoman-3-2024.yaml is a suite)
            if any(c in ref for c in "/\\") or ref.endswith((".yaml", ".yml", ".json")):
                path = Path(ref) if Path(ref).is_absolute() else self.near / ref
            else:
                path = resolve_ruleset_path(ref)
            self.loaded[ref] = load_ruleset(path)
        return self.loaded[ref]


def run_suite(suite: Suite, ruleset_override: Ruleset | str | os.PathLike[str] | None = None) -> SuiteReport:
    """Evaluate every case of ``suite`` and compare with what it expects.

    ``ruleset_override`` (a Ruleset, an id or a path) replaces the suite's and the
    cases' rulesets. A ruleset that cannot be found or loaded raises (bad input);
    a case whose evaluation fails unexpectedly is a failed case, not an exception.
    """
    rulesets = _Rulesets(suite, ruleset_override)
    reports = tuple(run_case(case, rulesets.get(case)) for case in suite.cases)
    default = rulesets.override.id if rulesets.override is not None else suite.ruleset
    return SuiteReport(suite.path, default, reports, suite.not_reproduced)


def ruleset_for_case(suite: Suite, case: Case, ruleset_override: Ruleset | str | os.PathLike[str] | None = None) -> Ruleset:
    """The ruleset ``case`` of ``suite`` is evaluated under."""
    return _Rulesets(suite, ruleset_override).get(case)


def run_case(case: Case, ruleset: Ruleset) -> CaseReport:
    """Evaluate one case under ``ruleset`` and compare with what it expects."""
    exp = case.expect
    try:
        result = evaluate(
            ruleset, case.assessment, missing=case.missing, enable_rules=case.enable_rules, disable_rules=case.disable_rules
        )
    except ValidationError as exc:
        codes = [p.code for p in exc.problems]
        if exp.error is not None and exp.error in codes:
            return CaseReport(case.name, True, ruleset.id, case.place)
        want = f"error {exp.error}" if exp.error is not None else "a result"
        got = "; ".join(str(p) for p in exc.problems)
        return CaseReport(case.name, False, ruleset.id, case.place, (Mismatch("evaluation", want, f"error: {got}"),))
    if exp.error is not None:
        got = f"no error (index {result.index}, predikat {result.predikat})"
        return CaseReport(case.name, False, ruleset.id, case.place, (Mismatch("error", exp.error, got),))
    mismatches = [_with_trail(m, result, exp) for m in _compare(exp, result, ruleset)]
    return CaseReport(case.name, not mismatches, ruleset.id, case.place, tuple(mismatches))


def _shown(value: str, exact: Fraction) -> str:
    return f"{value!r} (exact {exact_text(exact)})"


def _close(expected: Fraction, got: Fraction, tol: Fraction) -> bool:
    return abs(expected - got) <= tol


def _compare(exp: Expect, result: Result, rs: Ruleset) -> list[Mismatch]:
    out: list[Mismatch] = []
    tol = exp.tolerance

    def display(fld: str, want: str, shown: str, exact: Fraction) -> None:
        if tol is None:
            if want != shown:
                out.append(Mismatch(fld, repr(want), _shown(shown, exact)))
        elif not _close(Fraction(want), exact, tol):
            out.append(Mismatch(fld, f"{want!r} within {exact_text(tol)}", _shown(shown, exact)))

    if exp.index is not None:
        display("index", exp.index, result.index, result.index_exact)
    if exp.predikat is not None and exp.predikat != result.predikat:
        out.append(Mismatch("predikat", repr(exp.predikat), f"{result.predikat!r} (index {result.index}, exact {exact_text(result.index_exact)}, predikat from the {rs.display.predikat_from} index)"))
    if exp.index_exact is not None:
        got = result.index_exact
        ok = got == exp.index_exact if tol is None else _close(exp.index_exact, got, tol)
        if not ok:
            within = "" if tol is None else f" within {exact_text(tol)}"
            out.append(Mismatch("index_exact", f"{exact_text(exp.index_exact)}{within}", exact_text(got)))
    for part, wanted, got_parts in (("domains", exp.domains, result.domains), ("aspects", exp.aspects, result.aspects)):
        by_id = {x.id: x for x in got_parts}
        for pid, want in wanted.items():
            x = by_id.get(pid)
            if x is None:
                out.append(Mismatch(f"{part}.{pid}", repr(want), f"no {part[:-1]} {pid} in ruleset {rs.id} ({', '.join(by_id) or f'it has no {part}'})"))
            else:
                display(f"{part}.{pid}", want, x.index, x.index_exact)
    inds = {i.id: i for i in result.indicators}
    for number, level in exp.effective_levels.items():
        ir = inds.get(number)
        if ir is None:
            out.append(Mismatch(f"effective_levels.{number}", str(level), f"no indicator {number} in ruleset {rs.id}"))
        elif ir.effective_level != level:
            why = f" (lowered by {', '.join(ir.rules)})" if ir.rules else ""
            out.append(Mismatch(f"effective_levels.{number}", str(level), f"{ir.effective_level} (submitted {ir.level}){why}"))
    return out


# -- tracing a failure through the explanation --------------------------------------------


def _target(fld: str) -> tuple[str, str] | None:
    head, _, key = fld.partition(".")
    kind = {"domains": "domain", "aspects": "aspect", "effective_levels": "indicator"}.get(head)
    return None if kind is None else (kind, key)


def _path_to(root: Node, kind: str, key: str) -> list[Node]:
    stack: list[tuple[Node, list[Node]]] = [(root, [root])]
    while stack:
        node, path = stack.pop()
        if node.kind == kind and node.id == key:
            return path
        for child in reversed(node.children):
            stack.append((child, [*path, child]))
    return [root]


def _differs(child: Node, exp: Expect, result: Result) -> bool:
    """True when ``child`` has an expected value in the case and does not match it."""
    if child.kind == "domain" and child.id in exp.domains:
        return _display_differs(exp.domains[child.id], child.value, result.domain(child.id).index_exact, exp.tolerance)
    if child.kind == "aspect" and child.id in exp.aspects:
        return _display_differs(exp.aspects[child.id], child.value, result.aspect(child.id).index_exact, exp.tolerance)
    if child.kind == "indicator" and child.id.isdigit() and int(child.id) in exp.effective_levels:
        return str(exp.effective_levels[int(child.id)]) != child.value
    return False


def _display_differs(want: str, shown: str | None, exact: Fraction, tol: Fraction | None) -> bool:
    if tol is None:
        return want != shown
    return not _close(Fraction(want), exact, tol)


def _next(node: Node, exp: Expect, result: Result) -> Node | None:
    kids = [c for c in node.children if c.kind != "rules"]
    for c in kids:
        if _differs(c, exp, result):
            return c
    if node.kind == "indicator":
        return next((c for c in kids if c.kind == "rule" and c.id in node.rules), None)
    return next((c for c in kids if c.rules), None)


def trail(result: Result, fld: str, exp: Expect) -> tuple[NodeRef, ...]:
    """The explanation nodes that lead to the difference in ``fld``: the field's node, then down."""
    tree = result.explanation
    if tree is None:
        return ()
    target = _target(fld)
    path = [tree.root] if target is None else _path_to(tree.root, *target)
    node = path[-1]
    out = [node]
    for _ in range(8):  # the tree is at most index > domain > aspect > indicator > rule
        nxt = _next(node, exp, result)
        if nxt is None:
            break
        out.append(nxt)
        node = nxt
    return tuple(NodeRef.of(n) for n in out)


def _with_trail(m: Mismatch, result: Result, exp: Expect) -> Mismatch:
    return Mismatch(m.field, m.expected, m.got, trail(result, m.field, exp))


