"""CLI command ``transisi``: an ESTIMATE of the Indeks Pemdi (8/2026) from a 59/2020 assessment."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .._analysis.transition import estimate_transition, render_transition
from .._base.errors import current_lang, tr
from .._loading.select import load_assessment_for
from .._model.converter import converter
from .main import write_output

__all__ = ["add_parser"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser("transisi", help=tr("cmd.transisi"), description=tr("cmd.transisi.description"))
    p.add_argument("file", help=tr("opt.file"))
    p.add_argument("--crosswalk", metavar="NAME|FILE", default=None, help=tr("opt.transisi.crosswalk"))
    p.add_argument("--missing", choices=("error", "lowest"), default="error", help=tr("opt.missing"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=tr("opt.format"))
    p.add_argument("-o", "--output", metavar="FILE", help=tr("opt.output"))
    p.set_defaults(func=_transisi)


def _transisi(args: argparse.Namespace) -> int:
    assessment, _ = load_assessment_for(args.file, None, args.missing)
    t = estimate_transition(assessment, args.crosswalk, missing=args.missing)
    if args.format == "json":
        text = json.dumps(converter.unstructure(t), ensure_ascii=False, indent=2)
    else:
        text = render_transition(t, current_lang())
    write_output(text, args.output)
    return 0
