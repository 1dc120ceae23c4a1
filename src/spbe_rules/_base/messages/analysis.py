"""Message catalogue, part: _analysis (compare, cases, diff, impact, plan, whatif, risk).

Key -> (Bahasa Indonesia, English); see ``spbe_rules._base.messages``."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    # --- _analysis.compare ------------------------------------------------------------------------
    "head.nothing_to_compare": ("tidak ada yang dibandingkan", "nothing to compare"),
    "head.one_per_year": ("satu penilaian per tahun", "one assessment per year"),
    "head.unknown_rule": ("aturan tidak dikenal", "unknown rule"),
    "TOO_FEW_YEARS": (
        "{n} penilaian diberikan; perbandingan memerlukan dua tahun atau lebih",
        "{n} assessment given; a comparison needs two or more years",
    ),
    "TOO_FEW_YEARS.hint": ("berikan penilaian dari dua tahun atau lebih", "give the assessments of two or more years"),
    "DUPLICATE_YEAR": ("dua penilaian tahun {year}: {first} dan {second}", "two assessments of {year}: {first} and {second}"),
    "DUPLICATE_YEAR.hint": ("berikan satu penilaian per tahun", "give one assessment per year"),
    "UNKNOWN_RULE.years": ("tidak ada set aturan tahun-tahun ini yang memiliki aturan {rule}", "no ruleset of these years has a rule {rule}"),
}
