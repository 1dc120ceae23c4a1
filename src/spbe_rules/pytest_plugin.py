"""pytest plugin: run SPBE case suites as tests, one test per case.

Installed with the package (entry point ``pytest11``). It collects nothing
unless told where the case suites are, so it never touches the YAML files of
other projects::

    pytest --spbe-cases suites/            # on the command line (repeatable)

    [tool.pytest.ini_options]              # or in the configuration
    spbe_cases_paths = ["suites"]

Under those paths it collects ``*.cases.yaml`` files and YAML files whose top
level says ``format: spbe-rules/cases@1``. ``--spbe-ruleset ID|PATH`` evaluates
every case under another ruleset (to try a changed ruleset against the cases).
A failure shows the case, each differing field with the expected and actual
values, and the explanation nodes that lead to the difference.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ._analysis.cases import Case, Suite
from ._analysis.cases_run import CaseReport
from ._loading.sniff import looks_like_suite
from ._analysis.cases import load_suite
from ._base.errors import ValidationError
from ._analysis.cases_run import ruleset_for_case, run_case
from ._base.errors import RulesetNotFoundError

_SUFFIXES = (".yaml", ".yml", ".json")
_roots_key = pytest.StashKey[list[Path]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("spbe-rules", "SPBE case suites (spbe-rules)")
    group.addoption(
        "--spbe-cases",
        action="append",
        default=[],
        metavar="PATH",
        help="collect SPBE case suites (*.cases.yaml, or YAML with `format: spbe-rules/cases@1`) under PATH (repeatable)",
    )
    group.addoption(
        "--spbe-ruleset",
        default=None,
        metavar="ID|PATH",
        help="evaluate every SPBE case under this ruleset instead of the suites' own",
    )
    parser.addini(
        "spbe_cases_paths",
        type="paths",
        default=[],
        help="folders or files under which SPBE case suites are collected",
    )


def _covered(path: Path, roots: list[Path]) -> bool:
    return any(path == r or r in path.parents for r in roots)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "spbe_case: a case of an SPBE case suite (collected by the spbe-rules plugin)")
    base = config.invocation_params.dir
    from_option = [(base / p).resolve() for p in config.getoption("spbe_cases") or []]
    from_ini = [Path(p).resolve() for p in config.getini("spbe_cases_paths") or []]
    config.stash[_roots_key] = from_option + from_ini
    # Make sure the suite paths are collected: paths named with --spbe-cases always,
    # paths from the configuration only when no test paths were named on the command line.
    default_args = config.args_source != pytest.Config.ArgsSource.ARGS
    wanted = from_option + (from_ini if default_args else [])
    current = [(base / a.split("::")[0]).resolve() for a in config.args]
    for root in wanted:
        if root.exists() and not _covered(root, current):
            config.args.append(str(root))
            current.append(root)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    roots = parent.config.stash.get(_roots_key, [])
    if not roots or file_path.suffix.lower() not in _SUFFIXES:
        return None
    if not _covered(file_path.resolve(), roots) or not looks_like_suite(file_path):
        return None
    suite_file: SuiteFile = SuiteFile.from_parent(parent, path=file_path)
    return suite_file


class CaseFailed(Exception):
    """Raised by a case item whose evaluation differs from what the case expects."""

    def __init__(self, report: CaseReport) -> None:
        super().__init__(report.name)
        self.report = report


class SuiteFile(pytest.File):
    """A case-suite file; its items are its cases."""

    def collect(self) -> Iterator[pytest.Item]:

        try:
            suite = load_suite(self.path)
        except ValidationError as exc:
            raise self.CollectError(str(exc)) from None
        for case in suite.cases:
            item: CaseItem = CaseItem.from_parent(self, name=case.name, suite=suite, case=case)
            item.add_marker("spbe_case")
            yield item


class CaseItem(pytest.Item):
    """One case: evaluate its assessment and compare with what it expects."""

    def __init__(self, *, suite: Suite, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.suite = suite
        self.case = case

    def runtest(self) -> None:

        override = self.config.getoption("spbe_ruleset")
        ruleset = ruleset_for_case(self.suite, self.case, override)
        report = run_case(self.case, ruleset)
        if not report.passed:
            raise CaseFailed(report)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str | Any:

        if isinstance(excinfo.value, CaseFailed):
            return excinfo.value.report.render("en")
        if isinstance(excinfo.value, (ValidationError, RulesetNotFoundError)):
            return f"case {self.case.name!r} ({self.case.place}) could not be run:\n{excinfo.value}"
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        line = None if self.case.line is None else self.case.line - 1
        return self.path, line, f"SPBE case: {self.name}"
