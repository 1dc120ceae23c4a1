"""Small helpers shared by the HTML reports: escaping, exact pixel coordinates, colours."""

from __future__ import annotations

import html
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from .._base.errors import current_lang
from .._base.messages import render
from .._engine.engine import display_text, round_scaled

__all__ = ["ACCENT", "BAND_COLOURS", "INK", "MUTED", "band_colour", "esc", "fpx", "px", "t", "t_html"]

# colours of the predikat bands, lowest first (a ruleset with more bands reuses the last)
BAND_COLOURS = ["#c62828", "#ef6c00", "#f9a825", "#7cb342", "#2e7d32", "#1b5e20"]
INK = "#1f2937"
MUTED = "#6b7280"
ACCENT = "#1565c0"


def esc(value: Any) -> str:
    """``value`` as text safe inside HTML and attribute values."""
    return html.escape(str(value), quote=True)


def px(value: Fraction | int) -> str:
    """A coordinate written with one decimal, rounded exactly (half up)."""
    v = Fraction(value)
    return display_text(round_scaled(v.numerator, v.denominator, 1, "half_up"), 1)


def fpx(value: float) -> str:
    """A coordinate computed for drawing only (radar corners), with one decimal."""
    return f"{value:.1f}"


def band_colour(rs_bands: Sequence[str], name: str) -> str:
    """The colour of the band ``name`` among ``rs_bands`` (lowest first); grey for an unknown name."""
    try:
        k = list(rs_bands).index(name)
    except ValueError:
        return "#607d8b"
    return BAND_COLOURS[min(k, len(BAND_COLOURS) - 1)]


def t(key: str, /, **params: object) -> str:
    """The catalogue text ``key`` in the current language, escaped for HTML (``params`` are text)."""
    return esc(render(key, current_lang(), params))


def t_html(key: str, /, **markup: str) -> str:
    """The catalogue text ``key`` in the current language, escaped for HTML, with each placeholder
    filled with ``markup`` the report made itself (already escaped, such as ``<strong>2.61</strong>``)."""
    marks = {k: f"\x00{k}\x00" for k in markup}
    text = esc(render(key, current_lang(), marks))
    for k, v in markup.items():
        text = text.replace(f"\x00{k}\x00", v)
    return text
