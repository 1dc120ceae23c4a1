"""The direct check of an assessment's level mappings gives exactly the JSON Schema's problems.

``schema_problems("assessment", ...)`` checks the keys and whole-number levels of ``levels`` and
of each stage itself (20,000 bad entries would take the validator seconds: issue 11, capped error
output) and leaves the other entries to the validator. Hypothesis holds it to the validator run on
everything, for mappings built in code and for files read with their places.
"""

from __future__ import annotations

import json
import time
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from spbe_rules._base.errors import Problem
from spbe_rules._loading.schema import _add, _schema_problems, _validator, schema_problems
from spbe_rules._loading.source import parse_text

KEYS = st.one_of(
    st.integers(1, 999).map(str),
    st.sampled_from(["0", "01", "1000", "12a", "", "x", "-3", "1.5", " 7"]),
)
ENTRIES = st.one_of(
    st.integers(-3, 14),
    st.booleans(),
    st.none(),
    st.text(alphabet="ab7 .", max_size=3),
    st.decimals(min_value=-20, max_value=20, places=1, allow_nan=False, allow_infinity=False),
    st.lists(st.one_of(st.integers(-2, 12), st.text(alphabet="ab7", max_size=1)), max_size=12),
    st.fixed_dictionaries(
        {}, optional={"score": st.one_of(st.integers(-1, 90), st.text(alphabet="ab7 .", max_size=3)), "valid": st.sampled_from([True, False, 1])}
    ),
    st.fixed_dictionaries({"level": st.integers(-1, 12)}, optional={"reason": st.text(alphabet="ab ", max_size=2), "scor": st.integers()}),
)
LEVELS = st.dictionaries(KEYS, ENTRIES, max_size=12)
ASSESSMENTS = st.one_of(
    st.fixed_dictionaries({"instansi": st.just("X"), "year": st.just(2024), "levels": st.one_of(LEVELS, st.just([1, 2]))}, optional={"levelz": st.just(1)}),
    st.fixed_dictionaries(
        {
            "instansi": st.just("X"),
            "year": st.just(2024),
            "stages": st.dictionaries(st.sampled_from(["mandiri", "dokumen", "Bad", "9x"]), st.one_of(LEVELS, st.just(3)), max_size=3),
        }
    ),
)


def _full(data: Any, name: str) -> list[Problem]:
    """The problems the JSON Schema validator alone finds (the reference)."""
    out: list[Problem] = []
    _add(out, set(), _schema_problems(_validator("assessment"), data, data, name))
    return out


def _seen(problems: list[Problem]) -> list[tuple[str, str, str]]:
    return sorted((p.code, p.location.json_path, str(p)) for p in problems)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(ASSESSMENTS)
def test_the_direct_check_gives_the_validators_problems(data: dict[str, Any]) -> None:
    assert _seen(schema_problems("assessment", data, "a.yaml")) == _seen(_full(data, "a.yaml"))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(ASSESSMENTS)
def test_the_same_with_places_read_from_a_file(data: dict[str, Any]) -> None:
    text = json.dumps(data, default=lambda d: str(d) if isinstance(d, Decimal) else d, indent=1, ensure_ascii=False)
    read = parse_text(text, "a.json")
    got, want = schema_problems("assessment", read, "a.json"), _full(read, "a.json")
    assert _seen(got) == _seen(want)
    assert sorted((p.location.line, p.location.col) for p in got) == sorted((p.location.line, p.location.col) for p in want)


def test_twenty_thousand_bad_entries_are_checked_quickly() -> None:
    text = "instansi: X\nyear: 2024\nlevels:\n" + "".join(f"  {i}: 9\n" for i in range(100, 20100)) + "  5: 11\n"
    data = parse_text(text, "a.yaml")
    start = time.process_time()
    got = schema_problems("assessment", data, "a.yaml")
    took = time.process_time() - start
    assert _seen(got) == _seen(_full(data, "a.yaml"))  # one key problem for the mapping, the level of 11
    assert [p.code for p in got] == ["PATTERN", "OUT_OF_RANGE"]
    assert took < 0.25, f"{took:.2f} s of CPU for 20,000 entries"
