"""CLI command: report (an HTML report of one assessment, or a summary of batch results)."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from .._base.errors import tr
from .main import CliError, write_output
from .output import destination, is_stdout
from .._base.errors import Location, ValidationError
from .._base.messages import Msg
from .._base.numbers import problem_of, text_problem
from .core import evaluate_file
from .._render.report import report_html
from .._io.results_read import read_results
from .._render.batch_report import batch_report_html
from .._analysis.plan import load_costs
from .._analysis.compare import compare_years

__all__ = ["add_parser"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help=tr("cmd.report"),
        description=(tr("cmd.report.description")),
    )
    p.add_argument("file", nargs="?", metavar="FILE", help=tr("opt.file"))
    p.add_argument("--batch", metavar="RESULTS", help=tr("opt.report.batch"))
    p.add_argument("-o", "--output", required=True, metavar="HTML", help=tr("opt.report.output"))
    p.add_argument("--target", metavar="INDEX", help=tr("opt.report.target"))
    p.add_argument("--no-plan", action="store_true", help=tr("opt.report.no_plan"))
    p.add_argument("--history", action="append", default=[], metavar="FILE", help=tr("opt.report.history"))
    p.add_argument("--costs", metavar="FILE", help=tr("opt.report.costs"))
    p.add_argument("--top", type=int, default=100, metavar="N", help=tr("opt.report.top"))
    p.add_argument("--title", help=tr("opt.report.title"))
    p.add_argument("--ruleset", metavar="ID|PATH", help=tr("opt.ruleset"))
    p.add_argument("--missing", choices=("error", "lowest"), default="error", help=tr("opt.report.missing"))
    p.add_argument("--enable-rule", action="append", default=[], metavar="ID", help=tr("opt.enable_rule"))
    p.add_argument("--disable-rule", action="append", default=[], metavar="ID", help=tr("opt.disable_rule"))
    p.set_defaults(func=_report)


def _target(text: str | None) -> Fraction | None:
    if text is None:
        return None
    got = text_problem(text)
    if got is not None:
        raise ValidationError(Msg("head.bad_argument"), [problem_of(got, Location("--target"), text[:40])])
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise CliError(Msg("report.target", text=repr(text))) from None
    if not value.is_finite():
        raise CliError(Msg("report.target", text=repr(text)))
    return Fraction(value)


def _report(args: argparse.Namespace) -> int:
    if args.top < 1:
        raise CliError(Msg("report.top"))
    destination(args.output, "html", {".html": "html", ".htm": "html"}, what="report")  # checked before any work; "-" is stdout
    if args.batch is not None:
        if args.file is not None:
            raise CliError(Msg("report.both"))

        html = batch_report_html(read_results(args.batch), top=args.top, title=args.title)
        _write(html, args.output, tr("report.summary_of", path=args.batch))
        return 0
    if args.file is None:
        raise CliError(Msg("report.none"))

    target = _target(args.target)
    assessment, ruleset, result = evaluate_file(args)
    plan_kw: dict[str, Any] = {"missing": args.missing, "enable_rules": args.enable_rule, "disable_rules": args.disable_rule}
    if args.costs is not None and not args.no_plan:
        plan_kw["costs"] = load_costs(args.costs)
    years = (
        compare_years([(assessment, ruleset), *args.history], missing=args.missing, enable_rules=args.enable_rule, disable_rules=args.disable_rule)
        if args.history
        else None
    )
    html = report_html(ruleset, result, target=target, assessment=assessment, plan_options=plan_kw, include_plan=not args.no_plan, years=years)
    _write(html, args.output, tr("report.report_for", instansi=result.instansi, index=result.index, predikat=result.predikat))
    return 0


def _write(html: str, output: str | None, what: str) -> None:
    write_output(html, output)
    if not is_stdout(output):
        print("spbe-rules: " + tr("report.written", what=what, output=output), file=sys.stderr)
