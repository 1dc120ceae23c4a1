"""CLI command: validate (rulesets, assessments, costs files and case suites, each checked as what it is)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._analysis.cases import load_suite
from .._analysis.plan_input import check_costs_fit, parse_costs
from .._base.errors import Location, Problem, SpbeError, ValidationError, tr
from .._loading.load import load_ruleset
from .._loading.select import load_assessment_for
from .._loading.sniff import FileKind, kind_of_data
from .._loading.source import read_source
from .._base.text import printable
from .main import write_output

__all__ = ["add_parser"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser("validate", help=tr("cmd.validate"), description=tr("cmd.validate.description"))
    p.add_argument("files", nargs="+", metavar="FILE", help=tr("opt.validate.files"))
    p.add_argument("--ruleset", metavar="ID|PATH", help=tr("opt.validate.ruleset"))
    p.set_defaults(func=_validate)


def _one(name: str, ruleset: str | None) -> str:
    src = read_source(name)
    kind = kind_of_data(src.data)
    if kind is FileKind.RULESET:
        rs = load_ruleset(name)
        return f"{name}: ok (aturan {rs.id} {rs.version}, {len(rs.indicators)} indikator, {len(rs.rules)} aturan ketergantungan)"
    if kind is FileKind.CASES:
        suite = load_suite(name)
        return f"{name}: ok (kumpulan kasus, {len(suite.cases)} kasus)"
    if kind is FileKind.COSTS:
        costs = parse_costs(src.data, src.name)
        if ruleset is None:
            return f"{name}: ok (berkas biaya; sebutkan --ruleset untuk memeriksa kecocokannya dengan aturan)"
        rs = load_ruleset(ruleset)
        check_costs_fit(rs, costs)
        return f"{name}: ok (berkas biaya, sesuai aturan {rs.id})"
    if kind is FileKind.ASSESSMENT:
        a, rs = load_assessment_for(name, ruleset)
        return f"{name}: ok (penilaian {a.instansi} {a.year}, sesuai aturan {rs.id})"
    kinds = ", ".join(k.value for k in FileKind)
    raise ValidationError(
        "jenis berkas tidak dikenali",
        [Problem("UNKNOWN_FORMAT", "jenis berkas tidak dapat dikenali", Location(src.name, 1, 1), f"tulis `format:` di awal berkas ({kinds})")],
    )


def _validate(args: argparse.Namespace) -> int:
    failed = 0
    lines: list[str] = []
    errors: list[str] = []
    for name in args.files:
        try:
            lines.append(_one(name, args.ruleset))
        except ValidationError as exc:
            failed += 1
            errors.append(str(exc))
        except SpbeError as exc:
            failed += 1
            errors.append(f"{name}: {exc}")
    if failed:  # nothing on stdout when the command fails: the files that are fine are listed with the errors
        print(printable("\n".join([*lines, *errors])), file=sys.stderr)
        return 2
    if lines:
        write_output("\n".join(lines), None)
    return 0
