"""CLI commands ``diff`` (what changed between two rulesets) and ``impact`` (what the change does to assessments)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .main import write_output
from .._model.converter import converter
from .._analysis.diff import diff
from .._analysis.impact import impact

__all__ = ["add_parser"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "diff",
        help="what changed between two rulesets, with the place of each change",
        description=(
            "List every difference from ruleset A to ruleset B (installed ids or files): indicators added, removed, "
            "renamed or moved; weights; predikat bands; display and rounding; level scale; rules; documents; years. "
            "Each change shows where the old and the new value are written. Changes that can change results are marked *."
        ),
    )
    p.add_argument("a", metavar="A", help="the ruleset before (id or file)")
    p.add_argument("b", metavar="B", help="the ruleset after (id or file)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--exit-code", action="store_true", help="exit 1 when the rulesets differ (like git diff --exit-code)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=_diff)

    p = sub.add_parser(
        "impact",
        help="evaluate assessments under two rulesets and show what changes, and why",
        description=(
            "Evaluate every assessment of CORPUS under ruleset A and ruleset B; show each assessment's index and "
            "predikat under both, how many changed predikat, the largest changes, and which changes of the diff caused "
            "them (each scoring change is tried alone, in both directions). CORPUS is a folder of assessment files, a "
            "CSV file or .xlsx workbook in the layout of `spbe-rules batch` (instansi, year, optional stage, one column "
            "per indicator number, optional doc:KEY columns), or a case-suite file. Assessments that cannot be "
            "evaluated are listed with the reason."
        ),
    )
    p.add_argument("a", metavar="A", help="the ruleset before (id or file)")
    p.add_argument("b", metavar="B", help="the ruleset after (id or file)")
    p.add_argument("corpus", metavar="CORPUS", help="folder of assessments, CSV/.xlsx table, or case-suite file")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--missing", choices=("error", "lowest"), default="error", help="what to do with a missing level (default: error)")
    p.add_argument("--top", type=int, default=10, metavar="N", help="how many of the largest index changes to list (default 10)")
    p.add_argument("--fail-on-change", action="store_true", help="exit 1 when any predikat changes (for CI)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
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
