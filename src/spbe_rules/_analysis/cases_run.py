"""Running case suites: a case evaluated and compared field by field; a failed field traced through the explanation."""

from __future__ import annotations

import os
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path
from attrs import frozen
from .._model.converter import exact_text
from .._base.errors import Location, ValidationError, current_lang
from .._base.messages import Lang, Msg, Seq
from .._engine.evaluate import evaluate
from .._engine.explain import Node, Text
from .._loading.load import allowing, load_ruleset, resolve_ruleset_path
from .._loading.registry import installed_paths
from .._base.files import FileProblem, confined
from .._model.model import Ruleset
from .._loading.registry import ruleset_for_year
from .._engine.result import Result
from .cases import Case, CaseSuiteError, Expect, NotReproduced, Suite

__all__ = ["CaseReport", "Mismatch", "NodeRef", "SuiteReport", "ruleset_for_case", "run_case", "run_suite", "same_structure", "suite_rulesets"]


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
    legal_basis: tuple[Text, ...] = ()

    @classmethod
    def of(cls, node: Node) -> NodeRef:
        """The reference to an explanation node."""
        return cls(node.kind, node.id, node.title, node.value, node.text, node.rules, node.legal_basis)

    def label(self, lang: Lang | None = None) -> str:
        """The node in one line (its kind, id, title, value and rules), in ``lang``."""
        lang = lang or current_lang()
        key = f"node.{self.kind}"
        kind = Msg(key).render(lang) if key in _NODE_KINDS else self.kind
        if self.kind == "index":
            head = kind
        elif self.kind == "rule":
            head = f"{kind} {self.id}"
        else:
            head = f"{kind} {self.id} {self.title}"
        if self.value is not None:
            head += f" = {self.value}"
        if self.rules and self.kind != "rule":
            head += " [" + Msg("node.rules", rules=", ".join(self.rules)).render(lang) + "]"
        return head


@frozen
class Mismatch:
    """One checked field that differs: ``field`` is e.g. ``index``, ``domains.D3``, ``effective_levels.21``;
    ``expected`` and ``got`` are texts for people (``expected_in(lang)``, ``got_in(lang)``;
    in JSON, in the current language)."""

    field: str
    expected: Msg
    got: Msg
    trail: tuple[NodeRef, ...] = ()

    def expected_in(self, lang: Lang | None = None) -> str:
        """The expected value as a text, in ``lang`` (default: the current language)."""
        return self.expected.render(lang or current_lang())

    def got_in(self, lang: Lang | None = None) -> str:
        """The value obtained as a text, in ``lang`` (default: the current language)."""
        return self.got.render(lang or current_lang())


@frozen
class CaseReport:
    """One case's outcome. ``exception`` is the declared reason when the case passed as a
    declared exception (not reproduced under the rules, reproduced with its declared switches)."""

    name: str
    passed: bool
    ruleset: str | None
    place: str
    mismatches: tuple[Mismatch, ...] = ()
    exception: str | None = None

    @property
    def reproduced(self) -> bool:
        """Passed under the rules, without a declared exception."""
        return self.passed and self.exception is None

    def render(self, lang: Lang | None = None) -> str:
        """A readable report of this case (a failure shows every differing field and its trail), in
        ``lang`` (``id`` or ``en``; default: the current language)."""
        lang = lang or current_lang()
        status = "case.fail" if not self.passed else "case.pass" if self.exception is None else "case.excepted"
        lines = [Msg("case.head", status=Msg(status), name=self.name, place=self.place, ruleset=self.ruleset or "?").render(lang)]
        if self.passed and self.exception is not None:
            lines.append("  " + Msg("case.reason", reason=self.exception).render(lang))
        for m in self.mismatches:
            lines.append("  " + Msg("case.mismatch", field=m.field, expected=m.expected, got=m.got).render(lang))
            for depth, n in enumerate(m.trail):
                pad = "    " + "  " * depth
                lines.append(f"{pad}{Msg('case.at').render(lang) + ' ' if depth == 0 else '-> '}{n.label(lang)}")
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
        """How many cases passed."""
        return sum(1 for c in self.cases if c.passed)

    @property
    def failed(self) -> int:
        """How many cases failed."""
        return sum(1 for c in self.cases if not c.passed)

    @property
    def reproduced(self) -> int:
        """Cases that pass under the rules (without a declared exception)."""
        return sum(1 for c in self.cases if c.reproduced)

    @property
    def declared_exceptions(self) -> tuple[str, ...]:
        """Names of the declared exceptions: passing cases with ``exception``, then listed rows of kind ``exception``."""
        return tuple(c.name for c in self.cases if c.passed and c.exception is not None) + tuple(r.name for r in self.not_reproduced if r.kind == "exception")

    @property
    def incomplete(self) -> tuple[str, ...]:
        """Names of listed rows the source gives incompletely."""
        return tuple(r.name for r in self.not_reproduced if r.kind == "incomplete_source")

    @property
    def ok(self) -> bool:
        """Whether every case passed."""
        return all(c.passed for c in self.cases)

    @property
    def failures(self) -> tuple[CaseReport, ...]:
        """The cases that failed."""
        return tuple(c for c in self.cases if not c.passed)

    def render(self, lang: Lang | None = None, *, verbose: bool = False) -> str:
        """The report as text for people, in ``lang``; ``verbose`` lists the passing cases too."""
        lang = lang or current_lang()
        lines = []
        for c in self.cases:
            if verbose or not c.passed:
                lines.append(c.render(lang))
        head = Msg("suite.head", path=self.path, passed=self.passed, failed=self.failed).render(lang)
        exceptions = self.declared_exceptions
        if exceptions:
            head += " " + Msg("suite.exceptions", reproduced=self.reproduced, n=len(exceptions), names="; ".join(exceptions)).render(lang)
        if self.incomplete:
            head += Msg("suite.incomplete", n=len(self.incomplete)).render(lang)
        lines.append(head)
        return "\n".join(lines)


_NODE_KINDS = {"node.index", "node.domain", "node.aspect", "node.indicator", "node.rule"}


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
        if case.ruleset is not None:
            ref, at = case.ruleset, case.ruleset_at or Location(case.file, case.line)
        elif case.assessment.ruleset is not None:
            ref, at = case.assessment.ruleset, case.assessment.location("ruleset")
        elif self.suite.ruleset is not None:
            ref, at = self.suite.ruleset, self.suite.ruleset_at or Location(self.suite.path)
        else:
            ref, at = ruleset_for_year(case.assessment.year), Location(case.file, case.line)
        if ref not in self.loaded:
            # an id names an installed ruleset; a path is read relative to the suite file and must
            # stay in its folder (or one allowed); ids are not looked up beside the suite:
            # suites/pedoman-3-2024.yaml is a suite
            try:
                if any(c in ref for c in "/\\") or ref.endswith((".yaml", ".yml", ".json")):
                    path = confined(ref, self.near, also=[p.parent for p in installed_paths().values()])
                else:
                    path = resolve_ruleset_path(ref)
            except FileProblem as fp:
                raise CaseSuiteError(Msg("head.named_path", name=self.suite.path), [fp.problem(at)]) from None
            self.loaded[ref] = load_ruleset(path)
        return self.loaded[ref]


def run_suite(
    suite: Suite, ruleset_override: Ruleset | str | os.PathLike[str] | None = None, *, allow_dirs: Iterable[str | os.PathLike[str]] = ()
) -> SuiteReport:
    """Evaluate every case of ``suite`` and compare with what it expects.

    ``ruleset_override`` (a Ruleset, an id or a path) replaces the suite's and the
    cases' rulesets. A ruleset path written in the suite is read relative to the suite file
    and must stay in its folder, or lead into one of ``allow_dirs``. A ruleset that cannot be found or loaded raises (bad input);
    a case whose evaluation fails unexpectedly is a failed case, not an exception.
    """
    with allowing(allow_dirs):
        rulesets = _Rulesets(suite, ruleset_override)
        reports = tuple(run_case(case, rulesets.get(case)) for case in suite.cases)
    default = rulesets.override.id if rulesets.override is not None else suite.ruleset
    return SuiteReport(suite.path, default, reports, suite.not_reproduced)


def same_structure(a: Ruleset, b: Ruleset) -> bool:
    """Whether ``a`` and ``b`` have the same domains, aspects, indicator numbers and scale
    (a suite written for one can be run against the other)."""
    return (
        {d.id for d in a.domains} == {d.id for d in b.domains}
        and {x.id for x in a.aspects} == {x.id for x in b.aspects}
        and set(a.numbers) == set(b.numbers)
        and (a.scale.min, a.scale.max) == (b.scale.min, b.scale.max)
    )


def suite_rulesets(suite: Suite) -> list[Ruleset]:
    """The rulesets the cases of ``suite`` are written for (without any override), each once."""
    rulesets = _Rulesets(suite, None)
    out: dict[str, Ruleset] = {}
    for case in suite.cases:
        rs = rulesets.get(case)
        out.setdefault(rs.sha256, rs)
    return list(out.values())


def ruleset_for_case(suite: Suite, case: Case, ruleset_override: Ruleset | str | os.PathLike[str] | None = None) -> Ruleset:
    """The ruleset ``case`` of ``suite`` is evaluated under."""
    return _Rulesets(suite, ruleset_override).get(case)


def run_case(case: Case, ruleset: Ruleset) -> CaseReport:
    """Evaluate one case under ``ruleset`` and compare with what it expects.

    A case with a declared exception passes when the rules do *not* give the expected
    values and the declared rule switches do (see the module text)."""
    plain = _run_case(case, ruleset, case.enable_rules, case.disable_rules)
    exc = case.exception
    if exc is None:
        return plain
    if plain.passed:
        return CaseReport(
            case.name,
            False,
            ruleset.id,
            case.place,
            (Mismatch("exception", Msg("case.exception_expected"), Msg("case.exception_reproduced")),),
        )
    on = tuple(dict.fromkeys((*case.enable_rules, *exc.enable_rules)))
    off = tuple(dict.fromkeys((*case.disable_rules, *exc.disable_rules)))
    explained = _run_case(case, ruleset, on, off)
    if not explained.passed:
        switches = ", ".join([f"+{r}" for r in exc.enable_rules] + [f"-{r}" for r in exc.disable_rules]) or "-"
        return CaseReport(
            case.name,
            False,
            ruleset.id,
            case.place,
            tuple(Mismatch(f"exception ({switches}): {m.field}", m.expected, m.got, m.trail) for m in explained.mismatches),
        )
    return CaseReport(case.name, True, ruleset.id, case.place, (), exc.reason)


def _run_case(case: Case, ruleset: Ruleset, enable_rules: tuple[str, ...], disable_rules: tuple[str, ...]) -> CaseReport:
    exp = case.expect
    try:
        result = evaluate(ruleset, case.assessment, missing=case.missing, enable_rules=enable_rules, disable_rules=disable_rules)
    except ValidationError as exc:
        codes = [p.code for p in exc.problems]
        if exp.error is not None and exp.error in codes:
            return CaseReport(case.name, True, ruleset.id, case.place)
        want = Msg("case.want_error", code=exp.error) if exp.error is not None else Msg("case.want_result")
        got = Seq([Msg("case.problem", code=p.code, message=p.msg) for p in exc.problems], "; ")
        return CaseReport(case.name, False, ruleset.id, case.place, (Mismatch("evaluation", want, Msg("case.got_error", problems=got)),))
    if exp.error is not None:
        got_result = Msg("case.no_error", index=result.index, predikat=result.predikat)
        return CaseReport(case.name, False, ruleset.id, case.place, (Mismatch("error", Msg("text", text=exp.error), got_result),))
    mismatches = [_with_trail(m, result, exp) for m in _compare(exp, result, ruleset)]
    return CaseReport(case.name, not mismatches, ruleset.id, case.place, tuple(mismatches))


def _shown(value: str, exact: Fraction) -> Msg:
    return Msg("case.shown", value=repr(value), exact=exact_text(exact))


def _close(expected: Fraction, got: Fraction, tol: Fraction) -> bool:
    return abs(expected - got) <= tol


def _compare(exp: Expect, result: Result, rs: Ruleset) -> list[Mismatch]:
    out: list[Mismatch] = []
    tol = exp.tolerance

    def display(fld: str, want: str, shown: str, exact: Fraction) -> None:
        if tol is None:
            if want != shown:
                out.append(Mismatch(fld, Msg("text", text=repr(want)), _shown(shown, exact)))
        elif not _close(Fraction(want), exact, tol):
            out.append(Mismatch(fld, Msg("case.within", value=repr(want), tolerance=exact_text(tol)), _shown(shown, exact)))

    if exp.index is not None:
        display("index", exp.index, result.index, result.index_exact)
    if exp.predikat is not None and exp.predikat != result.predikat:
        got_predikat = Msg(
            "case.predikat",
            predikat=repr(result.predikat),
            index=result.index,
            exact=exact_text(result.index_exact),
            source=Msg(f"show.from.{rs.display.predikat_from}"),
        )
        out.append(Mismatch("predikat", Msg("text", text=repr(exp.predikat)), got_predikat))
    if exp.index_exact is not None:
        got = result.index_exact
        ok = got == exp.index_exact if tol is None else _close(exp.index_exact, got, tol)
        if not ok:
            want_exact = (
                Msg("text", text=exact_text(exp.index_exact))
                if tol is None
                else Msg("case.within", value=exact_text(exp.index_exact), tolerance=exact_text(tol))
            )
            out.append(Mismatch("index_exact", want_exact, Msg("text", text=exact_text(got))))
    for part, wanted, got_parts in (("domains", exp.domains, result.domains), ("aspects", exp.aspects, result.aspects)):
        by_id = {x.id: x for x in got_parts}
        for pid, want in wanted.items():
            x = by_id.get(pid)
            if x is None:
                has = ", ".join(by_id) or Msg(f"case.has_no.{part}")
                out.append(Mismatch(f"{part}.{pid}", Msg("text", text=repr(want)), Msg(f"case.no.{part}", id=pid, ruleset=rs.id, has=has)))
            else:
                display(f"{part}.{pid}", want, x.index, x.index_exact)
    inds = {i.id: i for i in result.indicators}
    for number, level in exp.effective_levels.items():
        ir = inds.get(number)
        if ir is None:
            out.append(Mismatch(f"effective_levels.{number}", Msg("text", text=str(level)), Msg("case.no.indicator", number=number, ruleset=rs.id)))
        elif ir.effective_level != level:
            if ir.rules:
                got_level = Msg("case.level_lowered", level=ir.effective_level, submitted=ir.level, rules=", ".join(ir.rules))
            else:
                got_level = Msg("case.level", level=ir.effective_level, submitted=ir.level)
            out.append(Mismatch(f"effective_levels.{number}", Msg("text", text=str(level)), got_level))
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
