"""CLI commands: risk (margin of the predikat and the drops that would change it), compare (one institution over the years)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .._analysis.compare import compare_to_dict, compare_years
from .._analysis.risk import risk, risk_to_dict
from .._base.errors import current_lang, tr
from .._render.views import render_compare, render_risk
from .core import add_evaluation_options, load_file
from .main import write_output

__all__ = ["add_parser"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser("risk", help=tr("cmd.risk"), description=tr("cmd.risk.description"))
    p.add_argument("file", help=tr("opt.file"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=tr("opt.format"))
    p.add_argument("-o", "--output", metavar="FILE", help=tr("opt.output"))
    add_evaluation_options(p)
    p.set_defaults(func=_risk)

    p = sub.add_parser("compare", help=tr("cmd.compare"), description=tr("cmd.compare.description"))
    p.add_argument("files", nargs="+", metavar="FILE", help=tr("opt.compare.files"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=tr("opt.format"))
    p.add_argument("-o", "--output", metavar="FILE", help=tr("opt.output"))
    p.add_argument("--missing", choices=("error", "lowest"), default="error", help=tr("opt.missing"))
    p.add_argument("--enable-rule", action="append", default=[], metavar="ID", help=tr("opt.compare.enable_rule"))
    p.add_argument("--disable-rule", action="append", default=[], metavar="ID", help=tr("opt.compare.disable_rule"))
    p.set_defaults(func=_compare)


def _risk(args: argparse.Namespace) -> int:
    assessment, ruleset = load_file(args)
    r = risk(ruleset, assessment, missing=args.missing, enable_rules=args.enable_rule, disable_rules=args.disable_rule)
    if args.format == "json":
        text = json.dumps(risk_to_dict(r), ensure_ascii=False, indent=2)
    else:
        text = render_risk(r, ruleset, current_lang())
    write_output(text, args.output)
    return 0


def _compare(args: argparse.Namespace) -> int:
    c = compare_years(args.files, missing=args.missing, enable_rules=args.enable_rule, disable_rules=args.disable_rule)
    if args.format == "json":
        text = json.dumps(compare_to_dict(c), ensure_ascii=False, indent=2)
    else:
        text = render_compare(c, current_lang())
    write_output(text, args.output)
    return 0
