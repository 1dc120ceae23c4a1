"""CLI command ``test``: run case suites (files or folders, or the shipped ones)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .._analysis.cases import SuiteReport, load_suite, run_suite
from .._loading.sniff import suite_files
from .main import CliError, write_output
from .._model.converter import converter
from .._base.errors import Problem, RulesetNotFoundError, ValidationError

__all__ = ["add_parser", "installed_suite_files"]

REPORT_SCHEMA = "spbe-rules/test-report@1"


def installed_suite_files() -> list[Path]:
    """The case suites shipped with the package (``suites/*.yaml``), sorted by name."""
    from .._base.resources import data_dir

    folder = data_dir("suites")
    if not folder.is_dir():
        return []
    return sorted(
        (Path(str(e)) for e in folder.iterdir() if e.is_file() and e.name.endswith((".yaml", ".yml", ".json"))),
        key=lambda p: p.name,
    )


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "test",
        help="run case suites (worked examples with expected results)",
        description=(
            "Evaluate every case of the case suites and compare with the expected index, predikat, domain and aspect "
            "indices and effective levels. Exit 0 when all pass, 1 when a case fails, 2 for bad input."
        ),
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="case-suite files, or folders searched for them")
    p.add_argument("--installed", action="store_true", help="also run the suites shipped with spbe-rules")
    p.add_argument("--ruleset", metavar="ID|PATH", help="evaluate every case under this ruleset instead of the suites' own (to try a changed ruleset)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the report (default: id, Bahasa Indonesia)")
    p.add_argument("-v", "--verbose", action="store_true", help="list passing cases too")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    p.set_defaults(func=_test)


def _test(args: argparse.Namespace) -> int:
    if not args.paths and not args.installed:
        raise CliError("name case-suite files or folders, or use --installed to run the shipped suites")
    bad: list[str] = []
    problems: list[Problem] = []
    files: list[Path] = []
    for path in args.paths:
        found = suite_files([path])
        if not found:
            bad.append(f"{path}: no case suites found (a suite is *.cases.yaml or has `format: spbe-rules/cases@1` at the top)")
        files.extend(found)
    if args.installed:
        files.extend(installed_suite_files())
    files = list(dict.fromkeys(files))
    reports: list[SuiteReport] = []
    for f in files:
        try:
            suite = load_suite(f)
            reports.append(run_suite(suite, args.ruleset))
        except ValidationError as exc:
            bad.append(str(exc))
            problems.extend(exc.problems)
        except RulesetNotFoundError as exc:
            bad.append(f"{f}: {exc}")
    passed = sum(r.passed for r in reports)
    failed = sum(r.failed for r in reports)
    if args.format == "json":
        doc = {
            "schema": REPORT_SCHEMA,
            "passed": passed,
            "failed": failed,
            "suites": [{**converter.unstructure(r), "passed": r.passed, "failed": r.failed} for r in reports],
            "errors": bad,
            "problems": [p.to_dict() for p in problems],
        }
        write_output(json.dumps(doc, ensure_ascii=False, indent=2), args.output)
    else:
        parts = [r.render(args.lang, verbose=args.verbose) for r in reports]
        if args.lang == "id":
            total = f"jumlah: {passed} lulus, {failed} gagal dalam {len(reports)} kumpulan kasus"
            if bad:
                total += f"; {len(bad)} kumpulan kasus tidak dapat dijalankan"
        else:
            total = f"total: {passed} passed, {failed} failed in {len(reports)} suite{'s' if len(reports) != 1 else ''}"
            if bad:
                total += f"; {len(bad)} suite{'s' if len(bad) != 1 else ''} could not be run"
        parts.append(total)
        write_output("\n".join(parts), args.output)
    if bad:
        print("\n".join(f"spbe-rules: {b}" for b in bad), file=sys.stderr)
        return 2
    return 1 if failed else 0
