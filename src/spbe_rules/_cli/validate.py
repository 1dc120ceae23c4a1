"""CLI command: validate (rulesets, assessments, costs files and case suites, each checked as what it is)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._analysis.cases import load_suite
from .._analysis.plan_input import check_costs_fit, parse_costs
from .._base.errors import Location, Problem, SpbeError, ValidationError, tr
from .._base.messages import Msg
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
        return tr("validate.ruleset", name=name, id=rs.id, version=rs.version, indicators=len(rs.indicators), rules=len(rs.rules))
    if kind is FileKind.CASES:
        suite = load_suite(name)
        return tr("validate.cases", name=name, n=len(suite.cases))
    if kind is FileKind.COSTS:
        costs = parse_costs(src.data, src.name)
        if ruleset is None:
            return tr("validate.costs", name=name)
        rs = load_ruleset(ruleset)
        check_costs_fit(rs, costs)
        return tr("validate.costs_fit", name=name, ruleset=rs.id)
    if kind is FileKind.ASSESSMENT:
        a, rs = load_assessment_for(name, ruleset)
        return tr("validate.assessment", name=name, instansi=a.instansi, year=a.year, ruleset=rs.id)
    kinds = ", ".join(k.value for k in FileKind)
    raise ValidationError(Msg("head.unknown_format"), [Problem.of("UNKNOWN_FORMAT", Location(src.name, 1, 1), kinds=kinds)])


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
