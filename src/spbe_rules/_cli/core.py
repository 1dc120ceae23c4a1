"""CLI commands: evaluate, explain, rulesets, show (and the options shared by every command that evaluates)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .._base.errors import tr
from .._loading.assessment import Assessment
from .main import CliError, write_output
from .._engine.evaluate import evaluate
from .._loading.load import load_ruleset
from .._model.model import Ruleset
from .._loading.select import installed_rulesets
from .._render.render import render_explanation, render_result
from .._render.requirements import show_requirements
from .._engine.result import Result, result_to_dict
from .._loading.select import load_assessment_for
from .._model.converter import band_range_text, exact_text
from .._model.converter import converter
import attrs

__all__ = ["add_parser", "evaluate_file", "load_file"]


def add_evaluation_options(p: argparse.ArgumentParser) -> None:
    """Options shared by every command that evaluates an assessment."""
    p.add_argument("--ruleset", metavar="ID|PATH", help=tr("opt.ruleset"))
    p.add_argument(
        "--missing",
        choices=("error", "lowest"),
        default="error",
        help=tr("opt.missing"),
    )
    p.add_argument("--enable-rule", action="append", default=[], metavar="ID", help=tr("opt.enable_rule"))
    p.add_argument("--disable-rule", action="append", default=[], metavar="ID", help=tr("opt.disable_rule"))


def load_file(args: argparse.Namespace) -> tuple[Assessment, Ruleset]:
    """The assessment named by ``args.file``, checked against its ruleset (``--ruleset``, its own, or by year)."""
    return load_assessment_for(args.file, args.ruleset, args.missing)


def evaluate_file(args: argparse.Namespace) -> tuple[Assessment, Ruleset, Result]:
    assessment, ruleset = load_file(args)
    result = evaluate(ruleset, assessment, missing=args.missing, enable_rules=args.enable_rule, disable_rules=args.disable_rule)
    return assessment, ruleset, result


def add_parser(sub: Any) -> None:
    p = sub.add_parser("evaluate", help=tr("cmd.evaluate"), description=tr("cmd.evaluate.description"))
    p.add_argument("file", help=tr("opt.file"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=tr("opt.format"))
    p.add_argument("-o", "--output", metavar="FILE", help=tr("opt.output"))
    add_evaluation_options(p)
    p.set_defaults(func=_evaluate)

    p = sub.add_parser("explain", help=tr("cmd.explain"), description=tr("cmd.explain.description"))
    p.add_argument("file", help=tr("opt.explain.file"))
    p.add_argument("--indicator", type=int, metavar="N", help=tr("opt.explain.indicator"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=tr("opt.format"))
    add_evaluation_options(p)
    p.set_defaults(func=_explain)

    p = sub.add_parser("rulesets", help=tr("cmd.rulesets"), description=tr("cmd.rulesets.description"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=tr("opt.format"))
    p.set_defaults(func=_rulesets)

    p = sub.add_parser("show", help=tr("cmd.show"), description=tr("cmd.show.description"))
    p.add_argument("ruleset", metavar="ID|PATH", help=tr("opt.show.ruleset"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=tr("opt.format"))
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

        node = tree.root if args.indicator is None else tree.find("indicator", str(args.indicator))
        write_output(json.dumps({"schema": tree.schema, "node": converter.unstructure(node)}, ensure_ascii=False, indent=2), None)
    else:
        write_output(render_explanation(tree, args.lang, args.indicator), None)
    return 0


def _rulesets(args: argparse.Namespace) -> int:
    infos = installed_rulesets()
    if args.format == "json":

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

        write_output(json.dumps(show_requirements(converter.unstructure(rs)), ensure_ascii=False, indent=2), None)
        return 0

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
                    items = rs.requirements_of(ind.number)
                    gone = rs.unavailable_reason(ind.number)
                    if items:
                        opt = sum(r.optional for r in items)
                        out.append(f"        {len(items)} butir persyaratan / requirement items ({opt} opsional)")
                    elif gone is not None:
                        out.append(f"        tanpa butir persyaratan / no requirement items: {gone.reason.id}")
    for r in rs.rules:
        state = "on" if r.enabled else "off (optional)"
        out.append(f"rule {r.id} [{r.kind}, {state}, {r.status}]: targets {', '.join(map(str, r.targets))} at most level {r.max_level}")
    write_output("\n".join(out), None)
    return 0

