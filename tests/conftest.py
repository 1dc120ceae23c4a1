"""Shared test settings.

Hypothesis profiles (choose with HYPOTHESIS_PROFILE=name):
``default`` (modest, for every run), ``ci`` (the same, derandomised) and ``thorough``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.register_profile("thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# The tests assert texts in a known language: the default (Bahasa Indonesia) unless a test asks
# for English; a SPBE_RULES_LANG set in the caller's environment must not change that.
os.environ.pop("SPBE_RULES_LANG", None)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty ruleset cache folder of the test's own (SPBE_RULES_CACHE_DIR), with no memory copies before or after."""
    import spbe_rules

    d = tmp_path / "cache"
    monkeypatch.setenv("SPBE_RULES_CACHE_DIR", str(d))
    spbe_rules.clear_cache()
    yield d
    spbe_rules.clear_cache()
