"""CLI commands: risk (margin of the predikat and the drops that would change it), compare (one institution over the years)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .core import add_evaluation_options, load_file
from .main import write_output

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


def _risk(args: argparse.Namespace) -> int:
    from .._analysis.risk import risk, risk_to_dict
    from .._render.views import render_risk

    assessment, ruleset = load_file(args)
    r = risk(ruleset, assessment, missing=args.missing, enable_rules=args.enable_rule, disable_rules=args.disable_rule)
    if args.format == "json":
        text = json.dumps(risk_to_dict(r), ensure_ascii=False, indent=2)
    else:
        text = render_risk(r, ruleset, args.lang)
    write_output(text, args.output)
    return 0
