"""pytest plugin: run SPBE case suites as tests (one test per case).

Installed with the package (entry point ``pytest11``). It does nothing unless
told where the case suites are, so it never collects YAML files of other projects.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("spbe-rules", "SPBE case suites (spbe-rules)")
    group.addoption(
        "--spbe-cases",
        action="append",
        default=[],
        metavar="PATH",
        help="collect SPBE case suites (*.cases.yaml, or YAML with `format: spbe-rules/cases@1`) under PATH (repeatable)",
    )
    parser.addini(
        "spbe_cases_paths",
        type="paths",
        default=[],
        help="folders or files under which SPBE case suites are collected",
    )
