"""CLI command: report (an HTML report of one assessment, or a summary of batch results)."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from .main import CliError, write_output

__all__ = ["add_parser"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="write an HTML report (one assessment, or a summary of batch results)",
        description=(
            "Write a self-contained HTML report with charts (Indonesian labels, printable). "
            "For one assessment FILE: index and predikat, aspect radar, domain bars against a target, capped indicators "
            "and what releases them, and the cheapest plan to the next predikat. With --batch RESULTS (the .jsonl or .csv "
            "written by `spbe-rules batch`): predikat distribution, ranking and change from year to year."
        ),
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="assessment file (.yaml or .json)")
    p.add_argument("--batch", metavar="RESULTS", help="summarise batch results (.jsonl or .csv from spbe-rules batch) instead")
    p.add_argument("-o", "--output", required=True, metavar="HTML", help="the report file (.html)")
    p.add_argument("--target", metavar="INDEX", help="draw the domain bars against this index (default: the lower bound of the next predikat)")
    p.add_argument("--no-plan", action="store_true", help="leave out the plan to the next predikat")
    p.add_argument("--costs", metavar="FILE", help="costs file for the plan (see `spbe-rules plan`; default: every step costs 1)")
    p.add_argument("--top", type=int, default=100, metavar="N", help="with --batch: rows of the ranking to show (default 100)")
    p.add_argument("--title", help="with --batch: the report's title")
    p.add_argument("--ruleset", metavar="ID|PATH", help="ruleset to use (default: the assessment's own, else the one in force for its year)")
    p.add_argument("--missing", choices=("error", "lowest"), default="error", help="what to do when a level is missing")
    p.add_argument("--enable-rule", action="append", default=[], metavar="ID", help="switch on an optional rule (repeatable)")
    p.add_argument("--disable-rule", action="append", default=[], metavar="ID", help="switch off a rule (repeatable)")
    p.set_defaults(func=_report)


def _target(text: str | None) -> Fraction | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise CliError(f"--target {text!r}: give an index such as 2.6") from None
    if not value.is_finite():
        raise CliError(f"--target {text!r}: give an index such as 2.6")
    return Fraction(value)


def _report(args: argparse.Namespace) -> int:
    if args.top < 1:
        raise CliError("--top must be at least 1")
    if args.batch is not None:
        if args.file is not None:
            raise CliError("give either an assessment FILE or --batch RESULTS, not both")
        from .._io.batch_read import read_results
        from .._render.report import batch_report_html

        html = batch_report_html(read_results(args.batch), top=args.top, title=args.title)
        _write(html, args.output, f"summary of {args.batch}")
        return 0
    if args.file is None:
        raise CliError("give an assessment FILE, or --batch RESULTS")
    from .core import evaluate_file
    from .._render.report import report_html

    target = _target(args.target)
    assessment, ruleset, result = evaluate_file(args)
    plan_kw: dict[str, Any] = {"missing": args.missing, "enable_rules": args.enable_rule, "disable_rules": args.disable_rule}
    if args.costs is not None and not args.no_plan:
        from .._analysis.plan import load_costs

        plan_kw["costs"] = load_costs(args.costs)
    html = report_html(result, ruleset, target=target, assessment=None if args.no_plan else assessment, plan_options=plan_kw)
    _write(html, args.output, f"report for {result.instansi} ({result.index} {result.predikat})")
    return 0


def _write(html: str, output: str | None, what: str) -> None:
    write_output(html, output)
    if output not in (None, "-"):
        print(f"spbe-rules: {what} written to {output}", file=sys.stderr)
