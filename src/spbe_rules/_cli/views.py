"""CLI commands: risk (margin of the predikat and the drops that would change it), compare (one institution over the years)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .core import add_evaluation_options, load_file
from .main import write_output
from .._analysis.compare import compare_to_dict, compare_years
from .._analysis.risk import risk, risk_to_dict
from .._render.views import render_compare, render_risk

__all__ = ["add_parser"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "risk",
        help="how close the predikat is to its edges, and which one-level drops would change it",
        description=(
            "Margin and risk of one assessment: the exact index, the boundaries of its predikat under the ruleset's "
            "boundary rule (rounded or exact index) and the distance to each, and every one-level drop of an indicator "
            "(after the dependency rules) that would change the predikat, the most costly first."
        ),
    )
    p.add_argument("file", help="assessment file (.yaml or .json)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the text report (default: id)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    add_evaluation_options(p)
    p.set_defaults(func=_risk)

    p = sub.add_parser(
        "compare",
        help="one institution over the years: index, domains, indicators and the effect of the ruleset change",
        description=(
            "Compare the assessments of one institution over two or more years: the index, domains and indicators of "
            "each year, the ruleset each year was evaluated under (provisional ones marked), what changed, and the "
            "effect of the ruleset change alone (the later year's levels evaluated under both years' rules)."
        ),
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="assessment files, one per year (any order)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the text report (default: id)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--missing", choices=("error", "lowest"), default="error", help="what to do when a level is missing")
    p.add_argument("--enable-rule", action="append", default=[], metavar="ID", help="switch on an optional rule in every year whose ruleset has it (repeatable)")
    p.add_argument("--disable-rule", action="append", default=[], metavar="ID", help="switch off a rule in every year whose ruleset has it (repeatable)")
    p.set_defaults(func=_compare)


def _risk(args: argparse.Namespace) -> int:
    assessment, ruleset = load_file(args)
    r = risk(ruleset, assessment, missing=args.missing, enable_rules=args.enable_rule, disable_rules=args.disable_rule)
    if args.format == "json":
        text = json.dumps(risk_to_dict(r), ensure_ascii=False, indent=2)
    else:
        text = render_risk(r, ruleset, args.lang)
    write_output(text, args.output)
    return 0


def _compare(args: argparse.Namespace) -> int:
    c = compare_years(args.files, missing=args.missing, enable_rules=args.enable_rule, disable_rules=args.disable_rule)
    if args.format == "json":
        text = json.dumps(compare_to_dict(c), ensure_ascii=False, indent=2)
    else:
        text = render_compare(c, args.lang)
    write_output(text, args.output)
    return 0
