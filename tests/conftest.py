"""Shared test settings.

Hypothesis profiles (choose with HYPOTHESIS_PROFILE=name):
``default`` (modest, for every run), ``ci`` (the same, derandomised) and ``thorough``.
"""

from __future__ import annotations

import os

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
