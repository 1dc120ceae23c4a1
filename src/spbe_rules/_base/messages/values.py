"""Messages about where an indicator's value comes from: sub-levels (the exact mean of several
scored items), scores from another agency's index and their conversion table, and the review
stage (valid, or a corrected level with its reason)."""

from __future__ import annotations

from ..links import docs_url

ENTRIES: dict[str, tuple[str, str]] = {
    # -- rulesets ---------------------------------------------------------------------------------
    "INDICATOR_VALUE": (
        "indikator {number} menyatakan `sub_levels` dan `external` sekaligus: nilainya berasal dari beberapa tingkat kematangan atau dari indeks lain, bukan keduanya",
        "indicator {number} declares both `sub_levels` and `external`: its value comes either from several levels or from another index",
    ),
    "INDICATOR_VALUE.hint": ("pertahankan salah satunya", "keep one of them"),
    "SUB_LEVELS_RANGE": (
        "indikator {number} membolehkan {min} sampai {max} sub-tingkat: min lebih besar dari max",
        "indicator {number} allows {min} to {max} sub-levels: min is above max",
    ),
    "SUB_LEVELS_RANGE.hint": ("buat `max` sekurang-kurangnya `min`", "make `max` at least `min`"),
    "SCORE_RANGE": ("rentang skor indikator {number} kosong ({min} sampai {max})", "the score range of indicator {number} is empty ({min} to {max})"),
    "SCORE_RANGE.hint": ("`max` harus di atas `min`", "`max` must be above `min`"),
    "SCORE_BAND_GAP": (
        "rentang konversi skor indikator {number} menyisakan celah pada {lower}..{upper}",
        "the score bands of indicator {number} leave a gap at {lower}..{upper}",
    ),
    "SCORE_BAND_GAP.hint": (
        "mulai rentang ini pada {edge}, tempat rentang sebelumnya berakhir (urutkan dari skor terendah)",
        "start this band at {edge}, where the previous one ends (bands in ascending order)",
    ),
    "SCORE_BAND_GAP.end": (
        "rentang konversi skor indikator {number} berakhir pada {edge}, padahal skor sampai {max}",
        "the score bands of indicator {number} end at {edge}, but scores go up to {max}",
    ),
    "SCORE_BAND_GAP.end.hint": ("akhiri rentang terakhir pada {max}", "end the last band at {max}"),
    "SCORE_BAND_OVERLAP": (
        "rentang konversi skor indikator {number} tumpang tindih pada {lower}..{upper}",
        "the score bands of indicator {number} overlap at {lower}..{upper}",
    ),
    "SCORE_BAND_OVERLAP.hint": (
        "mulai rentang ini pada {edge}, tempat rentang sebelumnya berakhir (urutkan dari skor terendah)",
        "start this band at {edge}, where the previous one ends (bands in ascending order)",
    ),
    "SCORE_BAND_EMPTY": (
        "sebuah rentang skor indikator {number} dari {lower} sampai {upper}: tidak mencakup apa pun",
        "a score band of indicator {number} goes from {lower} to {upper}: it covers nothing",
    ),
    "SCORE_BAND_EMPTY.hint": ("`to` harus di atas `from`", "`to` must be above `from`"),
    "LEVEL_OUT_OF_SCALE.score_band": (
        "sebuah rentang skor indikator {number} memberi nilai {value}, di luar skala {min}..{max}",
        "a score band of indicator {number} gives the value {value}, outside the scale {min}..{max}",
    ),
    "LEVEL_OUT_OF_SCALE.score_band.hint": ("berikan nilai dari {min} sampai {max}", "give a value from {min} to {max}"),
    "REVIEW_STAGE_LAST": (
        "tahap `{stage}` adalah tahap reviu tetapi bukan tahap terakhir (reviu menelaah hasil tahap-tahap sebelumnya)",
        "stage `{stage}` is a review stage but is not the last stage (it reviews the results of the stages before it)",
    ),
    "REVIEW_STAGE_LAST.hint": ("letakkan tahap reviu paling akhir", "list the review stage last"),
    "REVIEW_STAGE_LAST.first": (
        "tahap `{stage}` adalah tahap reviu tanpa tahap sebelumnya untuk direviu",
        "stage `{stage}` is a review stage with no stage before it to review",
    ),
    "REVIEW_STAGE_LAST.first.hint": ("nyatakan tahap penilaian sebelum tahap reviu", "declare an assessment stage before it"),
    # -- assessments ------------------------------------------------------------------------------
    "REVIEW_ENTRY": (
        "tahap `{stage}` adalah reviu: indikator {number} harus ditandai {{valid: true}} atau dikoreksi dengan {{level: ..., reason: ...}}",
        "stage `{stage}` is a review: indicator {number} must be marked {{valid: true}} or corrected with {{level: ..., reason: ...}}",
    ),
    "REVIEW_ENTRY.hint": (
        "tulis `{{valid: true}}` bila hasil sebelumnya tetap, atau `{{level: 2, reason: ...}}` bila Tim Reviu mengoreksinya",
        "write `{{valid: true}}` when the earlier result stands, or `{{level: 2, reason: ...}}` when the review team corrects it",
    ),
    "REVIEW_ENTRY.reason": (
        "koreksi reviu atas indikator {number} memerlukan tingkat kematangan dan alasannya",
        "the review's correction of indicator {number} needs both the level and the reason",
    ),
    "REVIEW_ENTRY.reason.hint": ("tulis `{{level: 2, reason: ...}}`", "write `{{level: 2, reason: ...}}`"),
    "REVIEW_ENTRY.outside": (
        "tanda reviu ({{valid: true}}, atau koreksi tingkat kematangan dengan alasannya) hanya untuk tahap reviu; tahap `{stage}` bukan tahap reviu (indikator {number})",
        "review marks ({{valid: true}}, or a corrected level with its reason) belong in a review stage; stage `{stage}` is not one (indicator {number})",
    ),
    "REVIEW_ENTRY.outside.hint": (
        "berikan tingkat kematangan di sini; tanda reviu ditulis di tahap reviu (mis. reviu)",
        "give a level here; review marks go in the review stage (e.g. reviu)",
    ),
    "REVIEW_WITHOUT_RESULT": (
        "tahap `{stage}` adalah tahap reviu, tetapi tidak ada tahap sebelumnya yang memberi tingkat kematangan untuk direviu",
        "stage `{stage}` is a review stage, but no earlier stage gives the levels it reviews",
    ),
    "REVIEW_WITHOUT_RESULT.hint": (
        "berikan tahap penilaian (mis. mandiri, dokumen) sebelum reviu",
        "give the assessment stages (e.g. mandiri, dokumen) before the review",
    ),
    "NOT_SUB_LEVELS": (
        "indikator {number} diberi satu tingkat kematangan: set aturan {ruleset} tidak menilainya per sub-tingkat",
        "indicator {number} takes one level: ruleset {ruleset} does not score it by sub-levels",
    ),
    "NOT_SUB_LEVELS.hint": ("berikan satu bilangan bulat, mis. `3`", "give one whole level, e.g. `3`"),
    "SUB_LEVEL_COUNT": (
        "indikator {number} dinilai untuk {min} sampai {max} butir{item}; diberikan {count} tingkat kematangan",
        "indicator {number} is scored for {min} to {max} items{item}; {count} levels are given",
    ),
    "SUB_LEVEL_COUNT.hint": ("berikan {min} sampai {max} tingkat kematangan, mis. [3, 2]", "give {min} to {max} levels, e.g. [3, 2]"),
    "NOT_EXTERNAL": (
        "indikator {number} diberi tingkat kematangan: set aturan {ruleset} tidak mengambil nilainya dari indeks lain",
        "indicator {number} takes a level: ruleset {ruleset} does not take its value from another index",
    ),
    "NOT_EXTERNAL.hint": ("berikan satu bilangan bulat, mis. `3`", "give a whole level, e.g. `3`"),
    "SCORE_OUT_OF_RANGE": (
        "indikator {number}: skor {source} {score} di luar {min}..{max}",
        "indicator {number}: the {source} score {score} is outside {min}..{max}",
    ),
    "SCORE_OUT_OF_RANGE.hint": ("berikan skor seperti yang diumumkan, dari {min} sampai {max}", "give the score as published, from {min} to {max}"),
    # -- tools that step one whole level at a time -----------------------------------------------------
    "head.not_whole_level": ("sebuah tingkat kematangan bukan bilangan bulat", "a level is not a whole number"),
    "NOT_WHOLE_LEVEL": (
        "{what} bekerja dengan tingkat kematangan bulat, tetapi indikator {numbers} bernilai bukan satu tingkat bulat (rata-rata tepat sub-tingkat, atau skor yang dikonversi)",
        "{what} works on whole levels, but indicator {numbers} counts a value that is not one whole level (the exact mean of sub-levels, or a converted score)",
    ),
    "NOT_WHOLE_LEVEL.hint": (
        "pakai `spbe-rules evaluate` / `explain` untuk penilaian ini, atau beri indikator itu satu tingkat kematangan bulat",
        "use `spbe-rules evaluate` / `explain` for this assessment, or give that indicator one whole level",
    ),
    # -- crosswalks and the transition estimate ------------------------------------------------------
    "head.crosswalk_invalid": ("padanan indikator tidak sah", "crosswalk is not valid"),
    "head.cannot_read.crosswalk": ("padanan indikator tidak dapat dibaca", "crosswalk cannot be read"),
    "TYPE.crosswalk": (
        "padanan indikator harus berupa pemetaan (`format:`, `from:`, `to:`, `links:`)",
        "a crosswalk must be a mapping (`format:`, `from:`, `to:`, `links:`)",
    ),
    "TYPE.crosswalk.hint": (f"lihat {docs_url('formats', 'crosswalk')}", f"see {docs_url('formats', 'crosswalk')}"),
    "CROSSWALK_RULESET": ("set aturan `{ruleset}` tidak terpasang", "ruleset `{ruleset}` is not installed"),
    "CROSSWALK_RULESET.hint": ("sebut id set aturan yang terpasang (spbe-rules rulesets)", "name an installed ruleset id (spbe-rules rulesets)"),
    "CROSSWALK_UNKNOWN_INDICATOR": ("indikator {number} tidak ada dalam set aturan {ruleset}", "indicator {number} does not exist in ruleset {ruleset}"),
    "CROSSWALK_UNKNOWN_INDICATOR.hint": ("periksa nomornya dengan `spbe-rules show {ruleset}`", "check the number with `spbe-rules show {ruleset}`"),
    "CROSSWALK_DUPLICATE": (
        "indikator {number} set aturan {ruleset} disebut dua kali di `links`/`unmapped`",
        "indicator {number} of ruleset {ruleset} appears twice in `links`/`unmapped`",
    ),
    "CROSSWALK_DUPLICATE.hint": (
        "sebut setiap indikator tepat sekali: satu padanan (dengan semua indikator asalnya), atau di `unmapped`",
        "name every indicator exactly once: one link (with all its sources), or in `unmapped`",
    ),
    "CROSSWALK_DUPLICATE.not_carried": (
        "indikator {number} dipakai sebuah padanan tetapi juga disebut tidak terbawa",
        "indicator {number} is used by a link but also listed as not carried",
    ),
    "CROSSWALK_DUPLICATE.not_carried.hint": ("hapus dari `not_carried`", "remove it from `not_carried`"),
    "CROSSWALK_INCOMPLETE": (
        "indikator {numbers} set aturan {ruleset} tidak punya padanan dan tidak disebut di `unmapped`",
        "indicators {numbers} of ruleset {ruleset} have no link and are not listed in `unmapped`",
    ),
    "CROSSWALK_INCOMPLETE.hint": (
        "tambahkan padanannya, atau sebut di `unmapped` dengan alasannya (tidak diketahui, bukan diisi)",
        "add their links, or list them in `unmapped` with the reason (unknown, never filled)",
    ),
    "CROSSWALK_INCOMPLETE.from": (
        "indikator {numbers} set aturan {ruleset} tidak dipakai padanan mana pun dan tidak disebut di `not_carried`",
        "indicators {numbers} of ruleset {ruleset} are used by no link and not listed in `not_carried`",
    ),
    "CROSSWALK_INCOMPLETE.from.hint": (
        "pakai dalam sebuah padanan, atau sebut di `not_carried` dengan alasannya",
        "use them in a link, or list them in `not_carried` with the reason",
    ),
    "head.transition": ("perkiraan transisi tidak dapat dibuat", "the transition estimate cannot be made"),
    "TRANSITION_RULESET": (
        "penilaian ini dinilai dengan set aturan {ruleset}, yang strukturnya tidak sama dengan {source} (asal padanan)",
        "this assessment is evaluated under ruleset {ruleset}, whose structure differs from {source} (the crosswalk's source)",
    ),
    "TRANSITION_RULESET.hint": (
        "pakai penilaian berstruktur {source} (evaluasi 2021-2025), atau padanan yang berasal dari {ruleset}",
        "use an assessment with the structure of {source} (evaluations 2021-2025), or a crosswalk from {ruleset}",
    ),
    "transisi.head": (
        "PERKIRAAN (bukan hasil penilaian): posisi Indeks Pemdi dari penilaian Indeks SPBE",
        "ESTIMATE (not an assessment result): the Indeks Pemdi position from an Indeks SPBE assessment",
    ),
    "transisi.who": (
        "{instansi} ({year}), {old}: Indeks SPBE {index}. Dipetakan ke {new} dengan padanan {cw} ({status}).",
        "{instansi} ({year}), {old}: Indeks SPBE {index}. Mapped to {new} through the crosswalk {cw} ({status}).",
    ),
    "transisi.range": (
        "Perkiraan Indeks Pemdi: {low} sampai {high} (predikat {plow} sampai {phigh})",
        "Estimated Indeks Pemdi: {low} to {high} (predikat {plow} to {phigh})",
    ),
    "transisi.unknown": (
        "Indikator tanpa padanan (tidak diketahui, dihitung dari tingkat terendah sampai tertinggi): {n}, bobot {w}: {ids}",
        "Indicators with no source (unknown, counted from the lowest to the highest level): {n}, weight {w}: {ids}",
    ),
    "transisi.no": ("No", "No"),
    "transisi.indicator": ("Indikator 8/2026", "Indicator 8/2026"),
    "transisi.weight": ("Bobot", "Weight"),
    "transisi.est": ("Perkiraan", "Estimate"),
    "transisi.conf": ("Keyakinan", "Confidence"),
    "transisi.from": ("Dari indikator 59/2020 (tingkat)", "From 59/2020 indicators (level)"),
    "transisi.unk": ("tidak diketahui", "unknown"),
    "transisi.high": ("tinggi", "high"),
    "transisi.medium": ("sedang", "medium"),
    "transisi.low": ("rendah", "low"),
    "transisi.foot": (
        "Ini perkiraan dari padanan indikator yang bersifat sementara, bukan penilaian menurut PermenPANRB 8/2026.",
        "This is an estimate from a provisional crosswalk of indicators, not an assessment under PermenPANRB 8/2026.",
    ),
    "show.levels": ("tingkat ({name}): {levels}", "levels ({name}): {levels}"),
    "show.stages": ("tahap penilaian: {stages}", "stages: {stages}"),
    "show.stage_review": ("reviu: valid atau koreksi dengan alasan, kata akhir", "review: valid or corrected with a reason, the final word"),
    "show.sub_levels": (
        "dinilai per butir ({item}): {min} sampai {max} tingkat, dihitung rata-rata tepatnya",
        "scored per item ({item}): {min} to {max} levels, their exact mean counts",
    ),
    "show.external": (
        "nilai dari skor {source} (rentang -> nilai, batas yang termasuk: {includes}): {bands}",
        "value from the {source} score (range -> value, edge included: {includes}): {bands}",
    ),
    "opt.show.brief": ("tanpa kriteria tiap tingkat", "without the criteria of each level"),
    "cmd.transisi": (
        "perkiraan Indeks Pemdi (8/2026) dari penilaian 59/2020, dengan padanan indikator",
        "estimate the Indeks Pemdi (8/2026) from a 59/2020 assessment through a crosswalk",
    ),
    "cmd.transisi.description": (
        "Memperkirakan rentang Indeks Pemdi menurut PermenPANRB 8/2026 dari penilaian menurut PermenPANRB 59/2020, melalui padanan indikator (rulesets/crosswalk/). Indikator tanpa padanan dihitung tidak diketahui dan memperlebar rentang. Hasilnya perkiraan, bukan penilaian.",
        "Estimate the Indeks Pemdi range under PermenPANRB 8/2026 from an assessment under PermenPANRB 59/2020, through an indicator crosswalk (rulesets/crosswalk/). Indicators with no source count as unknown and widen the range. The output is an estimate, not an assessment.",
    ),
    "opt.transisi.crosswalk": (
        "berkas padanan atau nama padanan terpasang (bawaan: 59-2020-ke-8-2026)",
        "crosswalk file or installed name (default: 59-2020-ke-8-2026)",
    ),
}
