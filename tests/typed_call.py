"""For fuzz tests: call an entry point; a typed error (:class:`spbe_rules.SpbeError`) is an
accepted answer, any other exception fails the test."""

from __future__ import annotations

from typing import Any

import spbe_rules


def typed(call: Any, *args: Any, **kwargs: Any) -> Any:
    """Call; a typed error is fine (None), anything else fails the test."""
    try:
        return call(*args, **kwargs)
    except spbe_rules.SpbeError:
        return None
