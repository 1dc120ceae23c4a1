"""Requirement items, evidence kinds and the evidence policy of a ruleset.

A level of an indicator is broken into requirement items (levels are cumulative:
a level lists what it adds to the one below). An item may state the evidence it
needs (a kind declared once in the ruleset, formal adoption, a maximum age at the
evaluation date, a scope, an order after another item). The evidence policy says
which level counts at which stage and how ages are measured.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Literal

from attrs import field, frozen

__all__ = [
    "AGE_UNITS",
    "EvidenceKind",
    "EvidenceNeed",
    "EvidencePolicy",
    "MaxAge",
    "PageCitation",
    "Requirement",
    "Unavailable",
    "Wording",
]

AgeUnit = Literal["years", "months", "days"]
AGE_UNITS: tuple[str, ...] = ("years", "months", "days")
CountedLevel = Literal["claimed", "supported"]
Unreviewed = Literal["counts", "ignored"]
AtAgeLimit = Literal["stale", "valid"]


@frozen
class Wording:
    """A text in Bahasa Indonesia (``id``) and English (``en``)."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``"en"``; anything else gives Bahasa Indonesia)."""
        return self.en if lang == "en" else self.id


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    """The number of days of ``month`` in ``year`` (as ``calendar.monthrange``, without importing
    calendar, locale and their kin on every evaluation)."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _MONTH_DAYS[month - 1] + (month == 2 and leap)


@frozen
class MaxAge:
    """How old evidence may be at the evaluation date: ``amount`` ``unit`` (e.g. 2 years)."""

    amount: int
    unit: AgeUnit

    def limit(self, start: date) -> date:
        """The day on which evidence dated ``start`` reaches this age.

        Calendar arithmetic: 2021-05-10 + 2 years = 2023-05-10; a day that the target
        month lacks becomes its last day (2020-02-29 + 1 year = 2021-02-28)."""
        if self.unit == "days":
            return date.fromordinal(start.toordinal() + self.amount)
        months = self.amount * 12 if self.unit == "years" else self.amount
        total = start.year * 12 + (start.month - 1) + months
        year, month0 = divmod(total, 12)
        month = month0 + 1
        if year > 9999:
            return date.max
        return date(year, month, min(start.day, _days_in(year, month)))

    def text(self, lang: str = "id") -> str:
        """``2 tahun`` / ``2 years``."""
        if lang == "en":
            unit = {"years": "year", "months": "month", "days": "day"}[self.unit]
            return f"{self.amount} {unit}{'' if self.amount == 1 else 's'}"
        return f"{self.amount} {({'years': 'tahun', 'months': 'bulan', 'days': 'hari'})[self.unit]}"


@frozen
class EvidenceNeed:
    """The evidence a requirement item (or a dependency document) needs."""

    kind: str
    adopted: bool = False
    max_age: MaxAge | None = None
    scope: tuple[str, ...] = ()
    after: str | None = None


@frozen
class PageCitation:
    """Where a requirement (or the policy) rests: a ``page`` of the source and/or a ``section``."""

    source: str
    page: int | None = None
    section: str | None = None
    note: str | None = None

    def text(self, source_title: str | None = None, lang: str = "id") -> str:
        """``Pedoman 3/2024, hlm. 10`` (``p. 10`` in English)."""
        parts = [source_title or self.source]
        if self.section:
            parts.append(self.section)
        if self.page is not None:
            parts.append(f"{'p.' if lang == 'en' else 'hlm.'} {self.page}")
        return ", ".join(parts)


@frozen
class Requirement:
    """One requirement item of one level of one indicator."""

    id: str
    indicator: int
    level: int
    text: Wording
    citation: PageCitation
    evidence: EvidenceNeed | None = None
    optional: bool = False


@frozen
class Unavailable:
    """An indicator without requirement items, and why (e.g. its criteria are too general)."""

    indicator: int
    reason: Wording


@frozen
class EvidenceKind:
    """A kind of evidence (bukti dukung), declared once in the ruleset."""

    id: str
    name: Wording
    description: Wording | None = None


@frozen
class EvidencePolicy:
    """How evidence is weighed.

    ``supported_from``: from this stage on the level the evidence supports counts, before it
    the claimed level; ``without_stage``: which counts for an assessment without stages;
    ``unreviewed``: whether evidence without an assessor's verdict counts; ``at_age_limit``:
    whether evidence exactly as old as its limit is ``stale`` or still ``valid``;
    ``evaluation_dates``: the date ages are measured at, per evaluation year, when an
    assessment gives no ``evaluated_on``."""

    supported_from: str
    without_stage: CountedLevel
    unreviewed: Unreviewed
    at_age_limit: AtAgeLimit
    evaluation_dates: Mapping[int, str] = field(factory=dict)
    citation: PageCitation | None = None
    status: Literal["in_force", "provisional"] = "in_force"
    reason: str | None = None
