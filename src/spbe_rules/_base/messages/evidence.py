"""Message catalogue, part: requirement items and evidence (issue 12): ruleset checks, assessment
checks, and the `next` command.

Key -> (Bahasa Indonesia, English); see ``spbe_rules._base.messages``."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    # --- ruleset: requirement items, evidence kinds, evidence policy ---------------------------
    "UNKNOWN_EVIDENCE_KIND": (
        "jenis bukti `{kind}` tidak dideklarasikan di `evidence_kinds`",
        "evidence kind `{kind}` is not declared in `evidence_kinds`",
    ),
    "UNKNOWN_EVIDENCE_KIND.hint": (
        "{guess}; jenis baru dideklarasikan di evidence_kinds dengan nama dalam id dan en",
        "{guess}; a new kind is declared under evidence_kinds with a name in id and en",
    ),
    "UNKNOWN_EVIDENCE_KIND.assessment": (
        "jenis bukti `{kind}` tidak dideklarasikan oleh set aturan {rs}",
        "evidence kind `{kind}` is not declared by ruleset {rs}",
    ),
    "AGE_UNIT": ("`{unit}` bukan satuan umur", "`{unit}` is not a unit of age"),
    "AGE_UNIT.hint": (
        "tulis umur dalam salah satu satuan years, months, days, mis. {{years: 2}}",
        "write the age in one of years, months, days, e.g. {{years: 2}}",
    ),
    "UNKNOWN_INDICATOR.requirements": (
        "butir persyaratan diberikan untuk indikator {n}, yang tidak ada dalam set aturan ini",
        "requirements are given for indicator {n}, which this ruleset does not have",
    ),
    "UNKNOWN_INDICATOR.unavailable": (
        "requirements_unavailable menyebut indikator {n}, yang tidak ada dalam set aturan ini",
        "requirements_unavailable names indicator {n}, which this ruleset does not have",
    ),
    "REQUIREMENTS_INCOMPLETE": (
        "indikator {n} memiliki butir persyaratan untuk sebagian tingkat, tetapi tidak untuk tingkat {missing}",
        "indicator {n} has requirement items for some levels but none for level(s) {missing}",
    ),
    "REQUIREMENTS_INCOMPLETE.hint": (
        "beri setiap tingkat skala paling sedikit satu butir; tingkat yang tidak memerlukan bukti diberi satu butir dengan optional: true",
        "give every level of the scale at least one item; a level that needs no evidence gets one item with optional: true",
    ),
    "LEVEL_OUT_OF_SCALE.requirements": (
        "indikator {n} memiliki butir persyaratan untuk tingkat {lv}, di luar skala {lo}..{hi}",
        "indicator {n} has requirement items for level {lv}, outside the scale {lo}..{hi}",
    ),
    "LEVEL_OUT_OF_SCALE.requirements.hint": ("pakai tingkat {lo} sampai {hi}", "use levels {lo} to {hi}"),
    "DUPLICATE_REQUIREMENT": ("id butir persyaratan `{id}` dipakai dua kali", "requirement id `{id}` is used twice"),
    "DUPLICATE_REQUIREMENT.hint": (
        "beri setiap butir id sendiri; pemakaian pertama ada di {first}",
        "give each requirement item its own id; the first use is at {first}",
    ),
    "REQUIREMENT_ID": (
        "id butir persyaratan `{id}` tidak menyebut indikator dan tingkatnya",
        "requirement id `{id}` does not name its indicator and level",
    ),
    "REQUIREMENT_ID.hint": ("awali dengan `{prefix}`, mis. `{example}`", "start it with `{prefix}`, e.g. `{example}`"),
    "PAGE_OUT_OF_RANGE": (
        "halaman {page} dikutip, tetapi sumber `{source}` hanya {pages} halaman",
        "page {page} is cited, but source `{source}` has {pages} pages",
    ),
    "PAGE_OUT_OF_RANGE.hint": ("kutip halaman 1 sampai {pages}", "cite a page from 1 to {pages}"),
    "UNKNOWN_REQUIREMENT.after": (
        "`after` menyebut butir persyaratan `{id}`, yang tidak ada dalam set aturan ini",
        "`after` names requirement `{id}`, which this ruleset does not have",
    ),
    "AFTER_ORDER": (
        "butir `{id}` (indikator {n}, tingkat {lv}) harus menyusul `{target}`, yang bukan butir sebelumnya dari indikator yang sama",
        "requirement `{id}` (indicator {n}, level {lv}) must follow `{target}`, which is not an earlier item of the same indicator",
    ),
    "AFTER_ORDER.hint": (
        "`after` menyebut butir indikator yang sama pada tingkat lebih rendah, atau yang tercantum lebih dulu pada tingkat yang sama",
        "`after` names an item of the same indicator at a lower level, or listed before it in the same level",
    ),
    "REQUIREMENTS_CONFLICT": (
        "indikator {n} diberi butir persyaratan dan juga dicatat tidak memilikinya",
        "indicator {n} is given requirement items and also listed as having none",
    ),
    "REQUIREMENTS_CONFLICT.hint": (
        "hapus indikator itu dari requirements_unavailable atau dari requirements",
        "remove it from requirements_unavailable or from requirements",
    ),
    "NOT_ALLOWED.document_after": (
        "bukti sebuah dokumen tidak dapat diurutkan `after` sebuah butir persyaratan",
        "a document's evidence cannot be ordered `after` a requirement",
    ),
    "NOT_ALLOWED.document_after.hint": ("hapus `after`", "remove `after`"),
    "UNKNOWN_STAGE.policy": (
        "evidence_policy.supported_from menyebut tahap `{stage}`, yang tidak dideklarasikan set aturan ini",
        "evidence_policy.supported_from names stage `{stage}`, which this ruleset does not declare",
    ),
    "BAD_DATE": ("`{text}` bukan tanggal kalender", "`{text}` is not a calendar date"),
    "BAD_DATE.hint": ("tulis tanggal sebagai YYYY-MM-DD, mis. {example}", "write the date as YYYY-MM-DD, e.g. {example}"),
    "REQUIRED.evidence_policy": (
        "`evidence_policy` tidak ada: set aturan dengan butir persyaratan harus menyatakan cara bukti ditimbang",
        "`evidence_policy` is missing: a ruleset with requirement items must say how evidence is weighed",
    ),
    "REQUIRED.evidence_policy.hint": (
        "tambahkan evidence_policy: {{supported_from: ..., without_stage: ..., unreviewed: ..., at_age_limit: ...}}",
        "add evidence_policy: {{supported_from: ..., without_stage: ..., unreviewed: ..., at_age_limit: ...}}",
    ),
    # --- assessment: evidence items ----------------------------------------------------------
    "NO_REQUIREMENTS": (
        "set aturan {rs} tidak memiliki butir persyaratan, jadi tidak dapat menimbang bukti",
        "ruleset {rs} has no requirement items, so it cannot weigh evidence",
    ),
    "NO_REQUIREMENTS.hint": (
        "evaluasi dengan set aturan yang memiliki butir persyaratan, mis. pedoman-3-2024, atau hapus `evidence:`",
        "evaluate under a ruleset with requirement items, such as pedoman-3-2024, or remove `evidence:`",
    ),
    "NO_EVALUATION_DATE": (
        "bukti diberikan, tetapi penilaian tidak punya `evaluated_on` dan set aturan {rs} tidak menyatakan tanggal evaluasi untuk {year}",
        "evidence is given, but the assessment has no `evaluated_on` and ruleset {rs} declares no evaluation date for {year}",
    ),
    "NO_EVALUATION_DATE.hint": (
        "tambahkan `evaluated_on: YYYY-MM-DD` di awal berkas: tanggal umur bukti diukur",
        "add `evaluated_on: YYYY-MM-DD` at the top of the file: the date evidence ages are measured at",
    ),
    "DUPLICATE_EVIDENCE": ("id bukti `{id}` dipakai dua kali", "evidence id `{id}` is used twice"),
    "DUPLICATE_EVIDENCE.hint": ("beri setiap bukti id sendiri; yang pertama adalah butir ke-{first}", "give each item its own id; the first is item {first}"),
    "EVIDENCE_AFTER_EVALUATION": (
        "bukti `{id}` bertanggal {date}, sesudah tanggal evaluasi {on}",
        "evidence `{id}` is dated {date}, after the evaluation date {on}",
    ),
    "EVIDENCE_AFTER_EVALUATION.hint": (
        "perbaiki tanggalnya, atau isi `evaluated_on` dengan tanggal umur bukti diukur",
        "correct the date, or set `evaluated_on` to the date the evaluation measures ages at",
    ),
    "REQUIRED.supports": (
        "bukti `{id}` tidak menyebut butir persyaratan yang didukungnya maupun dokumen",
        "evidence `{id}` names neither the requirement items it supports nor a document",
    ),
    "REQUIRED.supports.hint": (
        "tambahkan `supports: [id, ...]` (lihat spbe-rules next FILE) atau `document: KEY`",
        "add `supports: [id, ...]` (see spbe-rules next FILE) or `document: KEY`",
    ),
    "REQUIRED.sha256": ("`sha256` tidak ada: bukti `{id}` merujuk ke sebuah berkas", "`sha256` is missing: evidence `{id}` refers to a file"),
    "REQUIRED.sha256.hint": (
        "tambahkan `sha256:` dengan SHA-256 berkas itu, seperti dicetak `sha256sum FILE`",
        "add `sha256:` with the file's SHA-256, as printed by `sha256sum FILE`",
    ),
    "NOT_ALLOWED.url_and_file": ("bukti `{id}` memberi `url` dan `file` sekaligus", "evidence `{id}` gives both `url` and `file`"),
    "NOT_ALLOWED.url_and_file.hint": ("pertahankan salah satunya", "keep one of them"),
    "UNKNOWN_REQUIREMENT": (
        "butir persyaratan `{id}` tidak ada dalam set aturan {rs}",
        "requirement `{id}` does not exist in ruleset {rs}",
    ),
    "UNKNOWN_REQUIREMENT.hint": ("daftarnya: spbe-rules show {rs}", "list them with: spbe-rules show {rs}"),
    "EVIDENCE_KIND_MISMATCH": (
        "butir `{id}` memerlukan bukti berjenis `{need}`, tetapi `{item}` berjenis `{kind}`",
        "requirement `{id}` needs evidence of kind `{need}`, but `{item}` is of kind `{kind}`",
    ),
    "EVIDENCE_KIND_MISMATCH.hint": (
        "sebut butir ini pada bukti yang jenisnya sesuai, atau perbaiki jenisnya",
        "name this requirement on an item of the right kind, or correct the kind",
    ),
    "UNKNOWN_STAGE.evidence": ("tahap `{stage}` bukan tahap set aturan {rs}", "stage `{stage}` is not a stage of ruleset {rs}"),
    "UNKNOWN_STAGE.evidence.hint": ("tahap: {options}", "stages: {options}"),
    "UNKNOWN_DOCUMENT.evidence": (
        "dokumen `{key}` tidak dideklarasikan set aturan {rs}",
        "document `{key}` is not declared by ruleset {rs}",
    ),
    "UNKNOWN_DOCUMENT.evidence.hint": ("dokumen: {options}", "documents: {options}"),
    "DOCUMENT_TWICE": (
        "dokumen `{key}` dinyatakan di `documents:` dan juga diberikan sebagai bukti",
        "document `{key}` is stated under `documents:` and given as evidence",
    ),
    "DOCUMENT_TWICE.hint": (
        "nyatakan sekali: pertahankan bukti itu, yang membawa tanggal dan putusan asesor, dan hapus dari `documents:`",
        "state it once: keep the evidence item, which carries its date and the assessors' verdicts, and remove it from `documents:`",
    ),
    "kinds": ("jenis: {options}", "kinds: {options}"),
    # --- next ---------------------------------------------------------------------------------
    "head.unknown_indicator": ("indikator tidak dikenal", "unknown indicator"),
    "UNKNOWN_INDICATOR.next": ("set aturan {rs} tidak memiliki indikator {n}", "ruleset {rs} has no indicator {n}"),
    "UNKNOWN_INDICATOR.next.hint": ("indikator bernomor {lo} sampai {hi}", "indicators are numbered {lo} to {hi}"),
    # --- the questionnaire (kuesioner) as a table -----------------------------------------
    "TYPE.kuesioner_level": ("tingkat_diajukan `{value}` bukan bilangan bulat", "tingkat_diajukan `{value}` is not a whole number"),
    "TYPE.kuesioner_level.hint": ("tulis tingkat yang diajukan, mis. 3", "write the claimed level, e.g. 3"),
    "CONFLICT.kuesioner_level": (
        "indikator {n} diberi dua tingkat yang diajukan: {a} dan {b}",
        "indicator {n} is given two claimed levels: {a} and {b}",
    ),
    "CONFLICT.kuesioner_level.hint": ("isi tingkat_diajukan sekali per indikator", "fill tingkat_diajukan once per indicator"),
    "TYPE.kuesioner_yes": ("ditetapkan `{value}` bukan ya/tidak", "ditetapkan `{value}` is not ya/tidak"),
    "TYPE.kuesioner_yes.hint": ("tulis ya atau tidak (kosong: tidak)", "write ya or tidak (empty: tidak)"),
    "REQUIRED.kuesioner_header": (
        "baris judul kolom (dimulai dengan `indikator`) tidak ditemukan",
        "the header row (starting with `indikator`) is not found",
    ),
    "REQUIRED.kuesioner_header.hint": (
        "buat kuesioner dengan spbe-rules kuesioner --ruleset ID -o FILE",
        "make a questionnaire with spbe-rules kuesioner --ruleset ID -o FILE",
    ),
    # --- commands: next, kuesioner ----------------------------------------------------------------
    "cmd.next": (
        "apa yang dibutuhkan tingkat berikutnya setiap indikator: butir persyaratan, bukti dukung, rujukan",
        "what the next level of each indicator needs: requirement items, evidence, citation",
    ),
    "cmd.next.description": (
        "Untuk setiap indikator di bawah tingkat tertinggi (atau hanya --indicator N): butir persyaratan tingkat berikutnya "
        "dan butir lebih rendah yang belum terpenuhi, bukti yang diperlukan masing-masing, apakah bukti yang diberikan "
        "memenuhinya dan mengapa tidak, serta halaman peraturannya.",
        "For each indicator below the top level (or only --indicator N): the requirement items of the next level and any "
        "lower item still unmet, the evidence each needs, whether the evidence given meets it and why not, and the page "
        "of the regulation.",
    ),
    "opt.next.indicator": ("hanya indikator N", "only indicator N"),
    "cmd.kuesioner": (
        "tulis daftar isian penilaian mandiri (butir persyaratan dan kolom bukti dukung)",
        "write a fill-in self-assessment checklist (requirement items, evidence columns)",
    ),
    "cmd.kuesioner.description": (
        "Menulis kuesioner sebuah set aturan: per indikator dan tingkat, butir persyaratannya, bukti yang diperlukan dan "
        "halaman dasarnya, dengan kolom (CSV, .xlsx) atau isian (YAML) untuk tingkat yang diajukan dan bukti. Berkas "
        "yang sudah diisi langsung dapat dievaluasi: spbe-rules evaluate FILE.",
        "Write a questionnaire for a ruleset: per indicator and level its requirement items, the evidence each needs and "
        "the page it rests on, with columns (CSV, .xlsx) or fields (YAML) for the claimed level and the evidence. A "
        "filled file evaluates directly: spbe-rules evaluate FILE.",
    ),
    "opt.kuesioner.ruleset": ("set aturan (mis. pedoman-3-2024)", "the ruleset (e.g. pedoman-3-2024)"),
    "opt.kuesioner.output": (
        "kuesioner.yaml, kuesioner.csv atau kuesioner.xlsx (perlu spbe-rules[excel])",
        "kuesioner.yaml, kuesioner.csv or kuesioner.xlsx (needs spbe-rules[excel])",
    ),
    "opt.kuesioner.instansi": ("isikan nama instansi", "fill in the institution"),
    "opt.kuesioner.year": ("isikan tahun evaluasi (bawaan: tahun terakhir set aturan)", "fill in the evaluation year (default: the ruleset's last)"),
    "kuesioner.no_items": (
        "set aturan {rs} tidak memiliki butir persyaratan; pakai set aturan seperti pedoman-3-2024",
        "ruleset {rs} has no requirement items; use a ruleset such as pedoman-3-2024",
    ),
    "kuesioner.suffix": ("-o {path}: tulis .yaml, .csv atau .xlsx", "-o {path}: write .yaml, .csv or .xlsx"),
    # --- evidence in words (the evaluate table's notes, explain's evidence nodes, next) ----------
    "ev.need.adopted": ("ditetapkan", "formally adopted"),
    "ev.need.age": ("berumur kurang dari {age}", "younger than {age}"),
    "ev.need.scope": ("mencakup: {scope}", "covers: {scope}"),
    "ev.need.after": ("bertanggal sesudah bukti {id}", "dated after the evidence of {id}"),
    "ev.optional": (" (opsional)", " (optional)"),
    "ev.requirement.needs": (" [bukti: {need}]", " [evidence: {need}]"),
    "ev.what": ("bukti {id} ({date})", "evidence {id} ({date})"),
    "ev.fail.stale": (
        "{what} lebih dari {age} sebelum {on} (berlaku sampai sehari sebelum {limit})",
        "{what} is more than {age} before {on} (valid until the day before {limit})",
    ),
    "ev.fail.stale.at_limit": (
        "{what} tepat {age} sebelum {on}, yang menurut set aturan sudah tidak berlaku (berlaku sampai sehari sebelum {limit})",
        "{what} is exactly {age} before {on}, which the ruleset counts as no longer valid (valid until the day before {limit})",
    ),
    "ev.fail.draft": ("{what} belum ditetapkan (draf tidak dihitung)", "{what} is not formally adopted (a draft does not count)"),
    "ev.fail.rejected": ("{what} ditolak asesor", "{what} was rejected by the assessors"),
    "ev.fail.rejected.why": ("{what} ditolak asesor: {why}", "{what} was rejected by the assessors: {why}"),
    "ev.fail.unreviewed": ("{what} belum diberi putusan asesor", "{what} has no assessors' verdict yet"),
    "ev.fail.not_submitted": ("{what} baru diajukan pada tahap {stage}", "{what} is only submitted at stage {stage}"),
    "ev.fail.future": ("{what} bertanggal sesudah {on}", "{what} is dated after {on}"),
    "ev.fail.kind": ("{what} bukan berjenis {kind}", "{what} is not of kind {kind}"),
    "ev.fail.scope": ("{what} tidak mencakup: {missing}", "{what} does not cover: {missing}"),
    "ev.fail.order.unmet": (
        "{what} harus menyusul bukti butir {id}, yang belum terpenuhi",
        "{what} must follow the evidence of {id}, which is not met",
    ),
    "ev.fail.order": (
        "{what} tidak bertanggal sesudah bukti butir {id} ({date})",
        "{what} is not dated after the evidence of {id} ({date})",
    ),
    "ev.check.met": ("{id} terpenuhi oleh {by}", "{id} met by {by}"),
    "ev.check.none": ("{id}: tidak ada bukti", "{id}: no evidence"),
    "ev.check.none.needs": ("{id}: tidak ada bukti ({need})", "{id}: no evidence ({need})"),
    "ev.check.unmet": ("{id} belum terpenuhi: {reasons}", "{id} not met: {reasons}"),
    "ev.node.name": ("Bukti dukung", "Evidence"),
    "ev.node.no_requirements": (
        "Set aturan ini tidak menguraikan persyaratan indikator ini.",
        "This ruleset gives no requirement items for this indicator.",
    ),
    "ev.node.no_requirements.why": (
        "Set aturan ini tidak menguraikan persyaratan indikator ini: {why}",
        "This ruleset gives no requirement items for this indicator: {why}",
    ),
    "ev.node.counted.supported": ("dihitung tingkat yang didukung bukti", "the supported level counts"),
    "ev.node.counted.claimed": ("dihitung tingkat yang diajukan", "the claimed level counts"),
    "ev.node.none": (
        "Tidak ada bukti dukung untuk indikator ini (diajukan tingkat {level}); {counted}.",
        "No evidence was given for this indicator (claimed level {level}); {counted}.",
    ),
    "ev.node.supported": (
        "Diajukan tingkat {level}; bukti dukung mendukung tingkat {sup}; {counted}.",
        "Claimed level {level}; the evidence supports level {sup}; {counted}.",
    ),
    "ev.node.supported.on": (
        "Diajukan tingkat {level}; bukti dukung mendukung tingkat {sup} pada {on}; {counted}.",
        "Claimed level {level}; the evidence supports level {sup} at {on}; {counted}.",
    ),
    "ev.node.unmet": ("{text} Untuk tingkat {next} belum terpenuhi: {ids}.", "{text} Not met for level {next}: {ids}."),
    "ev.status.no_evidence": ("bukti belum diberikan", "no evidence given"),
    "next.head": (
        "Yang diperlukan untuk tingkat berikutnya: {instansi} ({year}), set aturan {ruleset}",
        "What the next level needs: {instansi} ({year}), ruleset {ruleset}",
    ),
    "next.on": ("Umur bukti diukur pada {on}.", "Evidence ages are measured at {on}."),
    "next.basis.supported": ("didukung bukti", "supported by evidence"),
    "next.basis.claimed": ("diajukan", "claimed"),
    "next.level": ("Indikator {n} {name}: tingkat {level} ({basis}) -> {next}", "Indicator {n} {name}: level {level} ({basis}) -> {next}"),
    "next.held": (
        "Catatan: tingkat yang dihitung dibatasi aturan {rules} (spbe-rules explain FILE --indicator {n}).",
        "Note: the level that counts is held by rule {rules} (spbe-rules explain FILE --indicator {n}).",
    ),
    "next.needs": ("bukti: {needs}", "evidence: {needs}"),
    "next.now": ("sekarang: {status}", "now: {status}"),
    "next.basis_word": ("dasar: {citation}", "basis: {citation}"),
    "next.none": ("Set aturan ini tidak menguraikan persyaratan indikator ini.", "This ruleset gives no requirement items for this indicator."),
    "next.none.why": (
        "Set aturan ini tidak menguraikan persyaratan indikator ini: {why}",
        "This ruleset gives no requirement items for this indicator: {why}",
    ),
    "next.top": ("Semua indikator yang diminta sudah di tingkat tertinggi.", "Every indicator asked for is already at the top level."),
    "next.optional": (" (opsional)", " (optional)"),
    "next.item": ("{box} {id}{opt} (tingkat {level}): {text}", "{box} {id}{opt} (level {level}): {text}"),
    "kuesioner.yaml_head": (
        "# Kuesioner penilaian mandiri (format spbe-rules/kuesioner@1), set aturan {rs}.\n"
        "# Isi: instansi, (bila perlu) evaluated_on, `level` setiap indikator (tingkat yang diajukan), dan\n"
        "# di bawah setiap butir persyaratan bukti yang memenuhinya, mis.\n"
        "#   evidence:\n"
        "#     - {{title: Peraturan Bupati 12/2022, date: 2022-03-01, adopted: true, url: https://..., scope: [...]}}\n"
        "# Lalu: spbe-rules evaluate BERKAS ; spbe-rules next BERKAS\n",
        "# Self-assessment questionnaire (format spbe-rules/kuesioner@1), ruleset {rs}.\n"
        "# Fill in: instansi, (if needed) evaluated_on, each indicator's `level` (the claimed level), and\n"
        "# under each requirement item the evidence that meets it, e.g.\n"
        "#   evidence:\n"
        "#     - {{title: Peraturan Bupati 12/2022, date: 2022-03-01, adopted: true, url: https://..., scope: [...]}}\n"
        "# Then: spbe-rules evaluate FILE ; spbe-rules next FILE\n",
    ),
}
