"""CLI commands: evaluate, explain, validate, rulesets, show."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .._loading.assessment import Assessment
from .main import CliError, write_output
from .._base.errors import Problem, RulesetError, SpbeError, ValidationError
from .._engine.evaluate import evaluate
from .._loading.load import load_ruleset
from .._model.model import Ruleset
from .._loading.registry import installed_rulesets
from .._render.render import render_explanation, render_result
from .._engine.result import Result, result_to_dict
from .._loading.select import load_assessment_for
from .._loading.source import PosDict, read_source

__all__ = ["add_parser", "evaluate_file", "load_file"]


def add_evaluation_options(p: argparse.ArgumentParser) -> None:
    """Options shared by every command that evaluates an assessment."""
    p.add_argument("--ruleset", metavar="ID|PATH", help="ruleset to use (default: the assessment's own, else the one in force for its year)")
    p.add_argument(
        "--missing",
        choices=("error", "lowest"),
        default="error",
        help="what to do when a level is missing: error (default) or lowest (count it at the scale's lowest level, marked)",
    )
    p.add_argument("--enable-rule", action="append", default=[], metavar="ID", help="switch on an optional rule (repeatable)")
    p.add_argument("--disable-rule", action="append", default=[], metavar="ID", help="switch off a rule (repeatable)")


def load_file(args: argparse.Namespace) -> tuple[Assessment, Ruleset]:
    """The assessment named by ``args.file``, checked against its ruleset (``--ruleset``, its own, or by year)."""
    return load_assessment_for(args.file, args.ruleset, args.missing)


def evaluate_file(args: argparse.Namespace) -> tuple[Assessment, Ruleset, Result]:
    assessment, ruleset = load_file(args)
    result = evaluate(ruleset, assessment, missing=args.missing, enable_rules=args.enable_rule, disable_rules=args.disable_rule)
    return assessment, ruleset, result


def add_parser(sub: Any) -> None:
    p = sub.add_parser("evaluate", help="evaluate an assessment file", description="Evaluate an assessment (YAML or JSON) and print the index, predikat and a table per domain.")
    p.add_argument("file", help="assessment file (.yaml or .json)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the text report (default: id)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    add_evaluation_options(p)
    p.set_defaults(func=_evaluate)

    p = sub.add_parser("explain", help="explain a result in plain words, with the legal basis", description="Explain why each index and level is what it is, which rules apply and the regulation behind them.")
    p.add_argument("file", help="assessment file")
    p.add_argument("--indicator", type=int, metavar="N", help="explain only indicator N")
    p.add_argument("--lang", choices=("id", "en"), default="id")
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_evaluation_options(p)
    p.set_defaults(func=_explain)

    p = sub.add_parser("validate", help="check ruleset and assessment files", description="Check rulesets, assessments and case suites; print every problem with file:line:col.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--ruleset", metavar="ID|PATH", help="ruleset to check assessments against")
    p.set_defaults(func=_validate)

    p = sub.add_parser("rulesets", help="list installed rulesets", description="List the installed rulesets and the evaluation years they apply to.")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=_rulesets)

    p = sub.add_parser("show", help="show a ruleset's indicators, weights and rules", description="Show a ruleset (installed id or file) as a readable summary, or as normalised JSON.")
    p.add_argument("ruleset", metavar="ID|PATH")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=_show)


def _evaluate(args: argparse.Namespace) -> int:
    _, ruleset, result = evaluate_file(args)
    if args.format == "json":
        text = json.dumps(result_to_dict(result), ensure_ascii=False, indent=2)
    else:
        text = render_result(result, ruleset, args.lang)
    write_output(text, args.output)
    return 0


def _explain(args: argparse.Namespace) -> int:
    _, ruleset, result = evaluate_file(args)
    tree = result.explanation
    if args.indicator is not None and args.indicator not in ruleset.numbers:
        raise CliError(f"--indicator {args.indicator}: ruleset {ruleset.id} has indicators {min(ruleset.numbers)} to {max(ruleset.numbers)}")
    if args.format == "json":
        from .._model.converter import converter

        node = tree.root if args.indicator is None else tree.find("indicator", str(args.indicator))
        write_output(json.dumps({"schema": tree.schema, "node": converter.unstructure(node)}, ensure_ascii=False, indent=2), None)
    else:
        write_output(render_explanation(tree, args.lang, args.indicator), None)
    return 0


def _kind(data: Any) -> str:
    if isinstance(data, dict):
        fmt = data.get("format")
        if fmt == "spbe-rules/ruleset@1" or (fmt is None and "indicators" in data):
            return "ruleset"
        if fmt == "spbe-rules/cases@1" or (fmt is None and "cases" in data):
            return "cases"
    return "assessment"


def _validate(args: argparse.Namespace) -> int:
    failed = 0
    lines: list[str] = []
    errors: list[str] = []
    for name in args.files:
        try:
            src = read_source(name)
            kind = _kind(src.data)
            if kind == "ruleset":
                rs = load_ruleset(name)
                lines.append(f"{name}: ok (ruleset {rs.id} {rs.version}, {len(rs.indicators)} indicators, {len(rs.rules)} rules)")
            elif kind == "cases":
                from .._analysis.cases import load_suite  # the case-suite module

                suite = load_suite(name)
                lines.append(f"{name}: ok (case suite, {len(suite.cases)} cases)")
            else:
                a, rs = load_assessment_for(name, args.ruleset)
                lines.append(f"{name}: ok (assessment of {a.instansi} {a.year}, fits ruleset {rs.id})")
        except ValidationError as exc:
            failed += 1
            errors.append(str(exc))
        except SpbeError as exc:
            failed += 1
            errors.append(f"{name}: {exc}")
    if lines:
        write_output("\n".join(lines), None)
    if errors:
        import sys

        print("\n".join(errors), file=sys.stderr)
    return 2 if failed else 0


def _rulesets(args: argparse.Namespace) -> int:
    infos = installed_rulesets()
    if args.format == "json":
        import attrs

        write_output(json.dumps([attrs.asdict(i) for i in infos], ensure_ascii=False, indent=2), None)
        return 0
    rows = [("ID", "VERSION", "STATUS", "YEARS", "EXTENDS", "TITLE")]
    for i in infos:
        years = ", ".join(map(str, i.evaluation_years)) or "-"
        rows.append((i.id, i.version, i.status, years, i.extends or "-", i.title))
    widths = [max(len(r[k]) for r in rows) for k in range(5)]
    text = "\n".join("  ".join(r[k].ljust(widths[k]) for k in range(5)) + "  " + r[5] for r in rows)
    write_output(text, None)
    return 0


def _show(args: argparse.Namespace) -> int:
    rs = load_ruleset(args.ruleset)
    if args.format == "json":
        from .._model.converter import converter

        write_output(json.dumps(converter.unstructure(rs), ensure_ascii=False, indent=2), None)
        return 0
    from .._model.converter import band_range_text, exact_text

    out = [f"{rs.id} {rs.version} ({rs.status}) - {rs.title}"]
    if rs.reason:
        out.append(f"  reason: {rs.reason}")
    out.append(f"  evaluation years: {', '.join(map(str, rs.evaluation_years)) or '-'}; extends: {rs.extends or '-'}")
    out.append(f"  scale {rs.scale.min}..{rs.scale.max}; display {rs.display.decimals} decimals, {rs.display.rounding}, predikat from the {rs.display.predikat_from} index")
    bands = rs.predikat.bands
    out.append("  predikat: " + "; ".join(f"{b.name} {band_range_text(b, b is bands[-1])}" for b in bands))
    for d in (*rs.domains,) or (None,):
        if d is not None:
            out.append(f"{d.id} {d.name} (weight {exact_text(d.weight)})")
        for a in rs.aspects:
            if d is not None and a.domain != d.id:
                continue
            out.append(f"  {a.id} {a.name} (weight {exact_text(a.weight)})")
            for ind in rs.indicators:
                if ind.aspect == a.id:
                    flag = " [provisional]" if ind.status == "provisional" else ""
                    out.append(f"    {ind.number:>3} {ind.name} (weight {exact_text(ind.weight)}){flag}")
    for r in rs.rules:
        state = "on" if r.enabled else "off (optional)"
        out.append(f"rule {r.id} [{r.kind}, {state}, {r.status}]: targets {', '.join(map(str, r.targets))} at most level {r.max_level}")
    write_output("\n".join(out), None)
    return 0


_ = (Problem, RulesetError)
