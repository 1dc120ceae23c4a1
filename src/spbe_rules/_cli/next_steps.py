"""CLI command: next (what the next level of each indicator needs, and which evidence)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .core import add_evaluation_options, load_file
from .main import write_output
from .._analysis.next_steps import next_steps, next_to_dict
from .._render.next_steps import render_next

__all__ = ["add_parser"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "next",
        help="what the next level of each indicator needs: requirement items, evidence, citation",
        description=(
            "For each indicator below the top level (or only --indicator N): the requirement items of the next level "
            "and any lower item still unmet, the evidence each needs, whether the evidence given meets it and why not, "
            "and the page of the regulation. In Bahasa Indonesia; --lang en for English."
        ),
    )
    p.add_argument("file", help="assessment file (.yaml or .json)")
    p.add_argument("--indicator", type=int, metavar="N", help="only indicator N")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the text (default: id)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    add_evaluation_options(p)
    p.set_defaults(func=_next)


def _next(args: argparse.Namespace) -> int:
    assessment, ruleset = load_file(args)
    steps = next_steps(
        ruleset, assessment, indicator=args.indicator, missing=args.missing, enable_rules=args.enable_rule, disable_rules=args.disable_rule
    )
    if args.format == "json":
        text = json.dumps(next_to_dict(steps), ensure_ascii=False, indent=2)
    else:
        text = render_next(steps, args.lang)
    write_output(text, args.output)
    return 0
