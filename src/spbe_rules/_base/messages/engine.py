"""Message catalogue, part: the evaluation core (_engine: engine, evaluate, result) and the misfits
of an input against its ruleset that every entry point shares (_loading/misfit.py).

Key -> (Bahasa Indonesia, English); see ``spbe_rules._base.messages``."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    # -- words around a rule's legal basis in the explanation (explain.cite) ------------------------------
    "explain.basis.note": ("catatan: {note}", "note: {note}"),
    "explain.basis.single_source": ("sumber tunggal, belum dipastikan", "single source, not yet confirmed"),
    "explain.basis.inferred": ("disimpulkan, belum dipastikan", "inferred, not yet confirmed"),
    # -- a rule reads a document the assessment does not state (engine.apply_rules, the planner) ----------
    "head.needs_document": (
        "sebuah aturan memerlukan fakta yang tidak diberikan penilaian",
        "a rule needs a fact the assessment does not give",
    ),
    "UNKNOWN_DOCUMENT_STATE": (
        "aturan `{rule}` bergantung pada dokumen {name} (`{key}`), tetapi penilaian tidak menyatakan apakah dokumen itu ada dan set aturan tidak memberi cara untuk menyimpulkannya",
        "rule `{rule}` depends on the document {name} (`{key}`), but the assessment does not say whether it exists and the ruleset gives no way to infer it",
    ),
    "UNKNOWN_DOCUMENT_STATE.hint": (
        "tambahkan `documents: {{{key}: true}}` (atau false) ke penilaian",
        "add `documents: {{{key}: true}}` (or false) to the assessment",
    ),
    # -- wrong arguments to the Python API of the core ---------------------------------------------------
    "engine.api.rounding": ("mode pembulatan tidak dikenal: {mode}", "unknown rounding mode {mode}"),
    "engine.api.assessment_type": (
        "`assessment` harus berupa `Assessment` (dari `load_assessment`), bukan {type}",
        "assessment must be an Assessment (from load_assessment), not {type}",
    ),
    # -- reading back a result's JSON (result_from_json) ---------------------------------------------------
    "head.result_unreadable": ("hasil tidak dapat dibaca", "result cannot be read"),
    "TOO_DEEP.result": ("JSON hasil bersarang terlalu dalam", "the JSON is nested too deep"),
    "BAD_RESULT": (
        "bukan hasil yang ditulis result_to_json: {error}",
        "not a result written by result_to_json: {error}",
    ),
    "BAD_RESULT.hint": ("berikan JSON dari spbe-rules evaluate --format json", "give the JSON of spbe-rules evaluate --format json"),
    "NUMBER_TOO_LARGE.result": ("bilangan bulat dengan {digits} angka", "a whole number of {digits} digits"),
    # -- the misfits of an input against its ruleset (_loading/misfit.py; the common ones are in loading) ----
    "LEVEL_OUT_OF_SCALE.step": (
        "indikator {number}: tidak ada langkah yang mencapai tingkat {level} (skala {min}..{max})",
        "indicator {number}: no step reaches level {level} (scale {min}..{max})",
    ),
    "LEVEL_OUT_OF_SCALE.step.hint": (
        "beri kunci setiap langkah dengan tingkat yang dicapainya, {first} sampai {max}",
        "key a step by the level it reaches, {first} to {max}",
    ),
}
