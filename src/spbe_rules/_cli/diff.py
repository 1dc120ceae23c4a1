"""CLI commands ``diff`` (what changed between two rulesets) and ``impact`` (what the change does to assessments)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .main import write_output
from .._base.errors import tr
from .._model.converter import converter
from .._analysis.diff import diff
from .._analysis.impact import impact

__all__ = ["add_parser"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "diff",
        help=tr("cmd.diff"),
        description=(tr("cmd.diff.description")),
    )
    p.add_argument("a", metavar="A", help=tr("opt.a"))
    p.add_argument("b", metavar="B", help=tr("opt.b"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=tr("opt.format"))
    p.add_argument("--exit-code", action="store_true", help=tr("opt.diff.exit_code"))
    p.add_argument("-o", "--output", metavar="FILE", help=tr("opt.output"))
    p.set_defaults(func=_diff)

    p = sub.add_parser(
        "impact",
        help=tr("cmd.impact"),
        description=(tr("cmd.impact.description")),
    )
    p.add_argument("a", metavar="A", help=tr("opt.a"))
    p.add_argument("b", metavar="B", help=tr("opt.b"))
    p.add_argument("corpus", metavar="CORPUS", help=tr("opt.impact.corpus"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=tr("opt.format"))
    p.add_argument("--missing", choices=("error", "lowest"), default="error", help=tr("opt.impact.missing"))
    p.add_argument("--top", type=int, default=10, metavar="N", help=tr("opt.impact.top"))
    p.add_argument("--fail-on-change", action="store_true", help=tr("opt.impact.fail_on_change"))
    p.add_argument("-o", "--output", metavar="FILE", help=tr("opt.output"))
    p.set_defaults(func=_impact)


def _diff(args: argparse.Namespace) -> int:
    d = diff(args.a, args.b)
    if args.format == "json":
        text = json.dumps(converter.unstructure(d), ensure_ascii=False, indent=2)
    else:
        text = d.render()
    write_output(text, args.output)
    return 1 if args.exit_code and not d.empty else 0


def _impact(args: argparse.Namespace) -> int:
    report = impact(args.a, args.b, args.corpus, missing=args.missing)
    if args.format == "json":
        doc: dict[str, Any] = converter.unstructure(report)
        for row, r in zip(doc["rows"], report.rows):
            row["status"] = r.status
            row["delta"] = None if r.delta is None else converter.unstructure(r.delta)
        text = json.dumps(doc, ensure_ascii=False, indent=2)
    else:
        text = report.render(args.top)
    write_output(text, args.output)
    return 1 if args.fail_on_change and report.summary.moved else 0
