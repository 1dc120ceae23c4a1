"""CLI commands: evaluate, explain, rulesets, show (and the options shared by every command that evaluates)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .._base.errors import current_lang, tr
from .._base.messages import CATALOGUE, Msg
from .._loading.assessment import Assessment
from .main import CliError, write_output
from .._engine.evaluate import evaluate
from .._engine.explain import explain_result
from .._loading.load import load_ruleset
from .._model.model import Ruleset
from .._loading.select import installed_rulesets
from .._render.render import render_explanation, render_result
from .._render.requirements import show_requirements
from .._engine.result import Result, result_to_dict
from .._loading.select import load_assessment_for, ruleset_for_assessment
from .._loading.assessment import check_against
from .._io.kuesioner import read_kuesioner_table
from .._model.converter import band_range_text, exact_text
from .._model import converter as conversion
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
    """The assessment named by ``args.file``, checked against its ruleset (``--ruleset``, its own, or by year).
    A ``.csv`` or ``.xlsx`` file is a filled questionnaire (``spbe-rules kuesioner``)."""
    if str(args.file).lower().endswith((".csv", ".xlsx")):
        assessment = read_kuesioner_table(str(args.file), load_ruleset)
        chosen = ruleset_for_assessment(assessment, args.ruleset)
        check_against(chosen, assessment, args.missing)
        return assessment, chosen
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
    p.add_argument("--brief", action="store_true", help=tr("opt.show.brief"))
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
    tree = explain_result(result, ruleset)
    if args.indicator is not None and args.indicator not in ruleset.numbers:
        raise CliError(Msg("explain.no_indicator", n=args.indicator, ruleset=ruleset.id, min=min(ruleset.numbers), max=max(ruleset.numbers)))
    if args.format == "json":
        node = tree.root if args.indicator is None else tree.find("indicator", str(args.indicator))
        write_output(json.dumps({"schema": tree.schema, "node": conversion.converter.unstructure(node)}, ensure_ascii=False, indent=2), None)
    else:
        write_output(render_explanation(tree, args.lang, args.indicator), None)
    return 0


def _rulesets(args: argparse.Namespace) -> int:
    infos = installed_rulesets()
    if args.format == "json":
        write_output(json.dumps([attrs.asdict(i) for i in infos], ensure_ascii=False, indent=2), None)
        return 0
    rows = [tuple(tr(f"rulesets.{c}") for c in ("id", "version", "status", "years", "extends", "title"))]
    for i in infos:
        years = ", ".join(map(str, i.evaluation_years)) or "-"
        rows.append((i.id, i.version, _status(i.status), years, i.extends or "-", i.title))
    widths = [max(len(r[k]) for r in rows) for k in range(5)]
    text = "\n".join("  ".join(r[k].ljust(widths[k]) for k in range(5)) + "  " + r[5] for r in rows)
    write_output(text, None)
    return 0


def _show(args: argparse.Namespace) -> int:
    rs = load_ruleset(args.ruleset)
    if args.format == "json":
        write_output(json.dumps(show_requirements(conversion.converter.unstructure(rs)), ensure_ascii=False, indent=2), None)
        return 0

    out = [f"{rs.id} {rs.version} ({_status(rs.status)}) - {rs.title}"]
    if rs.reason:
        out.append("  " + tr("show.reason", reason=rs.reason))
    out.append("  " + tr("show.years", years=", ".join(map(str, rs.evaluation_years)) or "-", extends=rs.extends or "-"))
    out.append(
        "  "
        + tr(
            "show.scale",
            min=rs.scale.min,
            max=rs.scale.max,
            decimals=rs.display.decimals,
            rounding=rs.display.rounding,
            index=Msg(f"show.from.{rs.display.predikat_from}") if f"show.from.{rs.display.predikat_from}" in CATALOGUE else rs.display.predikat_from,
        )
    )
    pbands = rs.predikat.bands
    out.append("  predikat: " + "; ".join(f"{b.name} {band_range_text(b, b is pbands[-1])}" for b in pbands))
    for cap in rs.scale.capabilities:
        out.append("  " + tr("show.levels", name=cap.name, levels="; ".join(f"{k} {v}" for k, v in sorted(cap.levels.items()))))
    if rs.stages:
        out.append("  " + tr("show.stages", stages="; ".join(_stage_text(s) for s in rs.stages)))
    for d in (*rs.domains,) or (None,):
        if d is not None:
            out.append(tr("show.item", id=d.id, name=d.name, weight=exact_text(d.weight)))
        for a in rs.aspects:
            if d is not None and a.domain != d.id:
                continue
            out.append("  " + tr("show.item", id=a.id, name=a.name, weight=exact_text(a.weight)))
            for ind in rs.indicators:
                if ind.aspect == a.id:
                    flag = " [" + tr("status.provisional") + "]" if ind.status == "provisional" else ""
                    out.append("    " + tr("show.item", id=f"{ind.number:>3}", name=ind.name, weight=exact_text(ind.weight)) + flag)
                    if not args.brief:
                        out.extend(f"          {k}: {' '.join(v.split())}" for k, v in sorted(ind.criteria.items()))
                    if ind.sub_levels is not None:
                        sub = ind.sub_levels
                        out.append("        " + tr("show.sub_levels", min=sub.min, max=sub.max, item=sub.item or "-"))
                    if ind.external is not None:
                        ext = ind.external
                        ext_bands = "; ".join(f"{exact_text(b.lower)}-{exact_text(b.upper)} -> {exact_text(b.value)}" for b in ext.bands)
                        out.append("        " + tr("show.external", source=ext.source, bands=ext_bands, includes=ext.includes))
                    items = rs.requirements_of(ind.number)
                    gone = rs.unavailable_reason(ind.number)
                    if items:
                        out.append("        " + tr("show.requirements", n=len(items), optional=sum(r.optional for r in items)))
                    elif gone is not None:
                        out.append("        " + tr("show.no_requirements", reason=gone.reason.id if current_lang() == "id" else gone.reason.en))
    for r in rs.rules:
        state = tr("show.rule_on") if r.enabled else tr("show.rule_off")
        out.append(tr("show.rule", id=r.id, kind=r.kind, state=state, status=_status(r.status), targets=", ".join(map(str, r.targets)), level=r.max_level))
    write_output("\n".join(out), None)
    return 0


def _stage_text(stage: Any) -> str:
    flags = [tr("show.stage_review")] if stage.kind == "review" else []
    if stage.status == "provisional":
        flags.append(tr("status.provisional"))
    return f"{stage.id} ({stage.name})" + (f" [{', '.join(flags)}]" if flags else "")


def _status(status: str) -> str:
    """A ruleset's or rule's status (in_force, provisional, superseded...) in the current language."""
    key = f"status.{status}"
    return tr(key) if key in CATALOGUE else status
