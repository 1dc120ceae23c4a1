"""Message catalogue, part: Shared words, error headings and the language itself.

Key -> (Bahasa Indonesia, English); see ``spbe_rules._base.messages``."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    # --- shared words -----------------------------------------------------------------
    "did_you_mean": ("maksud Anda `{guess}`?", "did you mean `{guess}`?"),
    "known": ("yang dikenal: {options}", "known: {options}"),
    "none_declared": ("tidak ada yang dideklarasikan", "none is declared"),
    "nothing": ("tidak ada", "nothing"),
    "problems": ("{n} masalah", "{n} problem"),
    "problems.many": ("{n} masalah", "{n} problems"),
    "location.at": ("{file} pada {path}", "{file} at {path}"),
    "installed": ("terpasang: {ids}", "installed: {ids}"),
    "lang.unknown": (
        "bahasa `{value}` tidak dikenal (dari {source}); pilih `id` (Bahasa Indonesia) atau `en` (English)",
        "unknown language `{value}` (from {source}); choose `id` (Bahasa Indonesia) or `en` (English)",
    ),
    # --- errors: headers of a group of problems (ValidationError) -------------------------
    "head.too_large": ("masukan terlalu besar", "input is too large"),
    "head.too_deep": ("masukan bersarang terlalu dalam", "input is nested too deep"),
    "head.json": ("bukan JSON yang sah", "not valid JSON"),
    "head.yaml": ("bukan YAML yang sah", "not valid YAML"),
    "head.one_document": ("bukan satu dokumen", "not one document"),
    "head.unreadable": ("berkas tidak dapat dibaca", "file cannot be read"),
    "head.not_found": ("berkas tidak ditemukan", "file not found"),
    "head.not_a_file": ("bukan berkas", "not a file"),
    "head.cannot_read.assessment": ("penilaian tidak dapat dibaca", "assessment cannot be read"),
    "head.cannot_read.ruleset": ("set aturan tidak dapat dibaca", "ruleset cannot be read"),
    "head.cannot_read.costs_file": ("berkas biaya tidak dapat dibaca", "costs file cannot be read"),
    "head.cannot_read.case_suite": ("kumpulan kasus tidak dapat dibaca", "case suite cannot be read"),
    "text": ("{text}", "{text}"),
}
