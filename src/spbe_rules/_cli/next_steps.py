"""CLI command: next (what the next level of each indicator needs, and which evidence)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .._base.errors import current_lang, tr
from .core import add_evaluation_options, load_file
from .main import write_output
from .._analysis.next_steps import next_steps, next_to_dict
from .._render.next_steps import render_next

__all__ = ["add_parser"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser("next", help=tr("cmd.next"), description=tr("cmd.next.description"))
    p.add_argument("file", help=tr("opt.file"))
    p.add_argument("--indicator", type=int, metavar="N", help=tr("opt.next.indicator"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=tr("opt.format"))
    p.add_argument("-o", "--output", metavar="FILE", help=tr("opt.output"))
    add_evaluation_options(p)
    p.set_defaults(func=_next)


def _next(args: argparse.Namespace) -> int:
    assessment, ruleset = load_file(args)
    steps = next_steps(ruleset, assessment, indicator=args.indicator, missing=args.missing, enable_rules=args.enable_rule, disable_rules=args.disable_rule)
    if args.format == "json":
        text = json.dumps(next_to_dict(steps), ensure_ascii=False, indent=2)
    else:
        text = render_next(steps, current_lang())
    write_output(text, args.output)
    return 0
