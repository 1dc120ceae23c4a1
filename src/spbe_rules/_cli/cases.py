"""CLI command ``test``: run case suites (files or folders, or the shipped ones)."""

from __future__ import annotations

from .._base.errors import tr
from .._base.messages import Msg

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .._analysis.cases import load_suite
from .._analysis.cases_run import SuiteReport, run_suite, same_structure, suite_rulesets
from .._loading.load import load_ruleset
from .._loading.sniff import suite_files
from .main import CliError, write_output
from .._base.text import printable
from .._model.converter import converter
from .._base.errors import Problem, RulesetNotFoundError, ValidationError
from .._base.resources import data_dir

__all__ = ["add_parser", "installed_suite_files"]

REPORT_SCHEMA = "spbe-rules/test-report@1"


def installed_suite_files() -> list[Path]:
    """The case suites shipped with the package (``suites/*.yaml``), sorted by name."""

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
        help=tr("cmd.test"),
        description=(tr("cmd.test.description")),
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help=tr("opt.test.paths"))
    p.add_argument("--installed", action="store_true", help=tr("opt.test.installed"))
    p.add_argument("--ruleset", metavar="ID|PATH", help=tr("opt.test.ruleset"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=tr("opt.format"))
    p.add_argument("-v", "--verbose", action="store_true", help=tr("opt.test.verbose"))
    p.add_argument("-o", "--output", metavar="FILE", help=tr("opt.test.output"))
    p.set_defaults(func=_test)


def _test(args: argparse.Namespace) -> int:
    if not args.paths and not args.installed:
        raise CliError(Msg("test.nothing"))
    bad: list[str] = []
    problems: list[Problem] = []
    files: list[Path] = []
    for path in args.paths:
        found = suite_files([path])
        if not found:
            bad.append(tr("test.none_found", path=path))
        files.extend(found)
    if args.installed:
        files.extend(installed_suite_files())
    files = list(dict.fromkeys(files))
    reports: list[SuiteReport] = []
    skipped: list[str] = []
    override = load_ruleset(args.ruleset) if args.ruleset is not None else None
    for f in files:
        try:
            suite = load_suite(f)
            if override is not None:
                other = [rs for rs in suite_rulesets(suite) if not same_structure(rs, override)]
                if other:  # written for another structure: running it would only report false failures
                    own = other[0]
                    skipped.append(tr("test.skipped", path=str(f), own=own.id, own_n=len(own.numbers), ruleset=override.id, n=len(override.numbers)))
                    continue
            reports.append(run_suite(suite, override))
        except ValidationError as exc:
            bad.append(str(exc))
            problems.extend(exc.problems)
        except RulesetNotFoundError as exc:
            bad.append(f"{f}: {exc}")
    passed = sum(r.passed for r in reports)
    failed = sum(r.failed for r in reports)
    reproduced = sum(r.reproduced for r in reports)
    exceptions = [name for r in reports for name in r.declared_exceptions]
    if args.format == "json":
        doc = {
            "schema": REPORT_SCHEMA,
            "passed": passed,
            "failed": failed,
            "reproduced": reproduced,
            "declared_exceptions": exceptions,
            "suites": [
                {
                    **converter.unstructure(r),
                    "passed": r.passed,
                    "failed": r.failed,
                    "reproduced": r.reproduced,
                    "declared_exceptions": list(r.declared_exceptions),
                }
                for r in reports
            ],
            "errors": bad,
            "skipped": skipped,
            "problems": [p.to_dict() for p in problems],
        }
        text = json.dumps(doc, ensure_ascii=False, indent=2)
    else:
        parts = [r.render(args.lang, verbose=args.verbose) for r in reports]
        total = tr("test.total" if len(reports) == 1 else "test.total.many", passed=passed, failed=failed, n=len(reports))
        if exceptions:
            total += tr("test.total.exceptions", reproduced=reproduced, n=len(exceptions))
        if bad:
            total += tr("test.total.bad" if len(bad) == 1 else "test.total.bad.many", n=len(bad))
        parts.extend(skipped)
        parts.append(total)
        text = "\n".join(parts)
    if bad:  # a suite could not be read: exit 2, the report goes with the errors (nothing on stdout, no file)
        print(printable("\n".join([text, *(f"spbe-rules: {b}" for b in bad)])), file=sys.stderr)
        return 2
    write_output(text, args.output)
    return 1 if failed else 0
