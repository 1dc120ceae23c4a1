"""Message catalogue, part: the words of ``diff`` and ``impact`` (section headings, the summaries of
added and removed items, conditions in words, the names of causes).

Key -> (Bahasa Indonesia, English); see ``spbe_rules._base.messages``. File keys and values
(``display.predikat_from``, ``rounded``, ``in_force``) stay as written in the files."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    "diff.section": ("{name} (`{key}`)", "{name} (`{key}`)"),
    "diff.section.ruleset": ("Set aturan", "Ruleset"),
    "diff.section.applies_to": ("Berlaku untuk", "Applies to"),
    "diff.section.sources": ("Sumber", "Sources"),
    "diff.section.scale": ("Skala tingkat kematangan", "Level scale"),
    "diff.section.total_weight": ("Bobot total", "Total weight"),
    "diff.section.domains": ("Domain", "Domains"),
    "diff.section.aspects": ("Aspek", "Aspects"),
    "diff.section.indicators": ("Indikator", "Indicators"),
    "diff.section.predikat": ("Predikat", "Predikat"),
    "diff.section.display": ("Tampilan dan pembulatan indeks", "Index display and rounding"),
    "diff.section.stages": ("Tahap penilaian", "Assessment stages"),
    "diff.section.documents": ("Dokumen", "Documents"),
    "diff.section.rules": ("Aturan ketergantungan", "Dependency rules"),
    "diff.section.evidence_policy": ("Kebijakan bukti dukung", "Evidence policy"),
    "diff.section.evidence_kinds": ("Jenis bukti dukung", "Evidence kinds"),
    "diff.section.requirements": ("Butir persyaratan", "Requirement items"),
    "diff.changed": ("diubah", "changed"),
    "diff.value.none": ("(tidak ada)", "(none)"),
    "diff.cond.at_least": ("indikator {indicator} minimal tingkat {level}", "indicator {indicator} at least {level}"),
    "diff.cond.document": ("dokumen {document}", "document {document}"),
    "diff.cond.not": ("bukan ({item})", "not ({item})"),
    "diff.cond.and": (" dan ", " and "),
    "diff.cond.or": (" atau ", " or "),
    "diff.sum.indicator": ("{name} (aspek {aspect}, bobot {weight})", "{name} (aspect {aspect}, weight {weight})"),
    "diff.sum.group": ("{name} (bobot {weight})", "{name} (weight {weight})"),
    "diff.sum.group_domain": ("{name} (bobot {weight}, domain {domain})", "{name} (weight {weight}, domain {domain})"),
    "diff.sum.rule": (
        "{kind} {targets} paling tinggi tingkat {max_level} kecuali {unless} ({state}, {status})",
        "{kind} {targets} at most level {max_level} unless {unless} ({state}, {status})",
    ),
    "diff.sum.on": ("aktif", "on"),
    "diff.sum.off": ("nonaktif", "off"),
    "diff.sum.implied": ("{name}, disimpulkan dari {condition}", "{name}, implied by {condition}"),
    "impact.structure": ("struktur", "structure"),
}
