"""The typed crosswalk: links from the indicators of one ruleset to another's, for estimates."""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

from attrs import frozen

from .model import Citation, SourceInfo

__all__ = ["Confidence", "Crosswalk", "CrosswalkLink", "NotCarried", "Unmapped"]

Confidence = Literal["high", "medium", "low"]


@frozen
class CrosswalkLink:
    """Indicator ``to`` of the new ruleset is estimated from the exact mean level of ``sources``."""

    to: int
    sources: tuple[int, ...]
    confidence: Confidence
    basis: str
    citation: Citation


@frozen
class Unmapped:
    """An indicator of the new ruleset with no source: unknown, counted over the whole scale."""

    to: int
    reason: str


@frozen
class NotCarried:
    """Indicators of the old ruleset that no link uses, and why."""

    sources: tuple[int, ...]
    reason: str


@frozen
class Crosswalk:
    """A mapping of indicators between two rulesets."""

    id: str
    version: str
    title: str
    status: Literal["in_force", "provisional"]
    from_ruleset: str
    to_ruleset: str
    sources: tuple[SourceInfo, ...]
    spread: dict[Confidence, Fraction]
    links: tuple[CrosswalkLink, ...]
    unmapped: tuple[Unmapped, ...]
    not_carried: tuple[NotCarried, ...]
    reason: str | None = None
    spread_reason: str | None = None
    description: str | None = None
    sha256: str = ""
    origin: str = ""

    def link(self, to: int) -> CrosswalkLink | None:
        """The link that estimates indicator ``to`` of the new ruleset, or None."""
        return next((lk for lk in self.links if lk.to == to), None)
