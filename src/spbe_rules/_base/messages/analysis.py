"""Message catalogue, part: _analysis (compare, cases, diff, impact, plan, whatif, risk).

Key -> (Bahasa Indonesia, English); see ``spbe_rules._base.messages``."""

from __future__ import annotations

from ..links import docs_url

ENTRIES: dict[str, tuple[str, str]] = {
    # --- _analysis.compare ------------------------------------------------------------------------
    "head.nothing_to_compare": ("tidak ada yang dibandingkan", "nothing to compare"),
    "head.one_per_year": ("satu penilaian per tahun", "one assessment per year"),
    "head.unknown_rule": ("aturan tidak dikenal", "unknown rule"),
    "UNKNOWN_RULE": ("set aturan {ruleset} tidak memiliki aturan {rules}", "ruleset {ruleset} has no rule {rules}"),
    "UNKNOWN_RULE.hint": ("aturan yang ada: {rules}", "rules: {rules}"),
    "TOO_FEW_YEARS": (
        "{n} penilaian diberikan; perbandingan memerlukan dua tahun atau lebih",
        "{n} assessment given; a comparison needs two or more years",
    ),
    "TOO_FEW_YEARS.hint": ("berikan penilaian dari dua tahun atau lebih", "give the assessments of two or more years"),
    "DUPLICATE_YEAR": ("dua penilaian tahun {year}: {first} dan {second}", "two assessments of {year}: {first} and {second}"),
    "DUPLICATE_YEAR.hint": ("berikan satu penilaian per tahun", "give one assessment per year"),
    "UNKNOWN_RULE.years": ("tidak ada set aturan tahun-tahun ini yang memiliki aturan {rule}", "no ruleset of these years has a rule {rule}"),
    # --- _analysis.cases_run: the report of a case suite (spbe-rules test) ------------------------------
    "node.index": ("indeks", "index"),
    "node.domain": ("domain", "domain"),
    "node.aspect": ("aspek", "aspect"),
    "node.indicator": ("indikator", "indicator"),
    "node.rule": ("aturan", "rule"),
    "node.rules": ("aturan: {rules}", "rules: {rules}"),
    "case.pass": ("LULUS", "PASS"),
    "case.fail": ("GAGAL", "FAIL"),
    "case.excepted": ("PENGECUALIAN", "EXCEPTION"),
    "case.head": ("{status} {name} ({place}; set aturan {ruleset})", "{status} {name} ({place}; ruleset {ruleset})"),
    "case.reason": ("alasan: {reason}", "reason: {reason}"),
    "case.mismatch": ("{field}: diharapkan {expected}, didapat {got}", "{field}: expected {expected}, got {got}"),
    "case.at": ("di", "at"),
    "case.want_error": ("kesalahan {code}", "error {code}"),
    "case.want_result": ("sebuah hasil", "a result"),
    "case.got_error": ("kesalahan: {problems}", "error: {problems}"),
    "case.problem": ("[{code}] {message}", "[{code}] {message}"),
    "case.no_error": ("tidak ada kesalahan (indeks {index}, predikat {predikat})", "no error (index {index}, predikat {predikat})"),
    "case.shown": ("{value} (tepat {exact})", "{value} (exact {exact})"),
    "case.within": ("{value} dengan toleransi {tolerance}", "{value} within {tolerance}"),
    "case.predikat": (
        "{predikat} (indeks {index}, tepat {exact}, predikat dari indeks {source})",
        "{predikat} (index {index}, exact {exact}, predikat from the {source} index)",
    ),
    "case.no.domains": ("tidak ada domain {id} dalam set aturan {ruleset} ({has})", "no domain {id} in ruleset {ruleset} ({has})"),
    "case.no.aspects": ("tidak ada aspek {id} dalam set aturan {ruleset} ({has})", "no aspect {id} in ruleset {ruleset} ({has})"),
    "case.has_no.domains": ("set aturan itu tidak memiliki domain", "it has no domains"),
    "case.has_no.aspects": ("set aturan itu tidak memiliki aspek", "it has no aspects"),
    "case.no.indicator": ("tidak ada indikator {number} dalam set aturan {ruleset}", "no indicator {number} in ruleset {ruleset}"),
    "case.level": ("{level} (diajukan {submitted})", "{level} (submitted {submitted})"),
    "case.level_lowered": ("{level} (diajukan {submitted}) (dibatasi oleh {rules})", "{level} (submitted {submitted}) (lowered by {rules})"),
    "case.exception_expected": (
        "nilai yang diharapkan tidak direproduksi menurut aturan (pengecualian yang dinyatakan)",
        "the expected values are not reproduced under the rules (a declared exception)",
    ),
    "case.exception_reproduced": ("nilai itu direproduksi: hapus `exception` dari kasus", "they are reproduced: remove `exception` from the case"),
    "suite.head": ("{path}: {passed} lulus, {failed} gagal", "{path}: {passed} passed, {failed} failed"),
    "suite.exceptions": (
        "({reproduced} direproduksi menurut aturan, {n} pengecualian yang dinyatakan: {names})",
        "({reproduced} reproduced under the rules, {n} declared exceptions: {names})",
    ),
    "suite.incomplete": (", {n} baris tidak lengkap di sumber (tanpa kasus)", ", {n} rows incomplete in the source (no case)"),
    # --- _analysis.cases: reading a case suite ------------------------------------------------------------
    "head.suite_invalid": ("kumpulan kasus tidak sah", "case suite is not valid"),
    "TYPE.suite": (
        "kumpulan kasus harus berupa pemetaan (`format:`, `ruleset:`, `cases:`)",
        "a case suite must be a mapping (`format:`, `ruleset:`, `cases:`)",
    ),
    "TYPE.suite.hint": (f"lihat {docs_url('formats', 'case-suite')}", f"see {docs_url('formats', 'case-suite')}"),
    "DUPLICATE_CASE": ("nama kasus {name} dipakai dua kali (pertama pada baris {line})", "the case name {name} is used twice (first at line {line})"),
    "DUPLICATE_CASE.hint": (
        "beri setiap kasus namanya sendiri: kegagalan dilaporkan menurut nama",
        "give every case its own name: failures are reported by name",
    ),
    "EXPECT_CONFLICT.exception": (
        "`exception` yang dinyatakan menjelaskan nilai harapan yang tidak diberikan aturan; dengan `error:` tidak ada nilai seperti itu",
        "a declared `exception` explains expected values that the rules do not give; with `error:` there are none",
    ),
    "EXPECT_CONFLICT.exception.hint": (
        "hapus `exception`, atau tulis nilai yang diharapkan sebagai ganti `error:`",
        "remove `exception`, or write the expected values instead of `error:`",
    ),
    "EXPECT_CONFLICT": (
        "`error` menyatakan penilaian harus gagal, jadi {keys} tidak dapat diperiksa",
        "`error` says the evaluation must fail, so {keys} cannot be checked",
    ),
    "EXPECT_CONFLICT.hint": (
        "tulis `error:` atau nilai yang diharapkan, dalam kasus terpisah",
        "write either `error:` or the expected values, in separate cases",
    ),
    "UNKNOWN_CASE": (
        "`boundary_sensitive` menyebut {name}, yang bukan kasus dalam kumpulan ini",
        "`boundary_sensitive` names {name}, which is not a case of this suite",
    ),
    "UNKNOWN_CASE.hint": ("pakai nama kasus tepat seperti tertulis di bawah `cases:`", "use a case name exactly as written under `cases:`"),
    # --- _analysis.diff: spbe-rules diff (the values stay in the words of the file format) -----------------
    "diff.added": ("+ {id} ditambahkan: {value}", "+ {id} added: {value}"),
    "diff.removed": ("- {id} dihapus: {value}", "- {id} removed: {value}"),
    "diff.renamed": ("diganti nama", "renamed"),
    "diff.moved": ("dipindah", "moved"),
    "diff.none": ("tidak ada perbedaan", "no differences"),
    "diff.count": ("{n} perubahan, {scoring} di antaranya dapat mengubah hasil (ditandai *)", "{n} change, {scoring} of which can change results (marked *)"),
    "diff.count.many": (
        "{n} perubahan, {scoring} di antaranya dapat mengubah hasil (ditandai *)",
        "{n} changes, {scoring} of which can change results (marked *)",
    ),
    "diff.no_places": (
        "(tempat tidak ditampilkan: sebuah berkas berubah sejak set aturan dimuat)",
        "(places left out: a file changed since the ruleset was loaded)",
    ),
    "diff.was": ("semula {place}", "was {place}"),
    "diff.now": ("kini {place}", "now {place}"),
    # --- _analysis.impact: spbe-rules impact -------------------------------------------------------------------
    "impact.more": ("(dan {n} lagi)", "(and {n} more)"),
    "impact.and_more": ("dan {n} lagi", "and {n} more"),
    "impact.unknown_rule": ("set aturan {ruleset} tidak memiliki aturan {rules}", "ruleset {ruleset} has no rule {rules}"),
    "impact.head": (
        "dampak {a} {va} -> {b} {vb} pada {corpus} ({kind}, {n} penilaian)",
        "impact of {a} {va} -> {b} {vb} on {corpus} ({kind}, {n} assessments)",
    ),
    "impact.evaluated": (
        "dinilai menurut keduanya: {evaluated}; tidak dinilai pada satu sisi atau keduanya: {not_evaluated}",
        "evaluated under both: {evaluated}; not evaluated on one side or both: {not_evaluated}",
    ),
    "impact.moved": ("predikat berubah: {n}", "predikat changed: {n}"),
    "impact.index_changed": (
        "indeks yang ditampilkan berubah: {shown}; indeks tepat berubah: {exact}",
        "displayed index changed: {shown}; exact index changed: {exact}",
    ),
    "impact.diff": (
        "diff: {n} perubahan, {scoring} di antaranya dapat mengubah hasil (spbe-rules diff {a} {b})",
        "diff: {n} changes, {scoring} of which can change results (spbe-rules diff {a} {b})",
    ),
    "impact.caused_by": (
        f"disebabkan oleh (setiap perubahan dicoba sendiri, ke dua arah; lihat {docs_url('panduan-aturan', 'perbedaan-dan-dampak')}):",
        f"caused by (each change tried alone, in both directions; see {docs_url('ruleset-guide', 'diff-and-impact')}):",
    ),
    "impact.cause": (
        "{change}: {rows} baris berubah, {moved} berganti predikat  ({description})",
        "{change}: {rows} rows changed, {moved} changed predikat  ({description})",
    ),
    "impact.cause.one": (
        "{change}: {rows} baris berubah, {moved} berganti predikat  ({description})",
        "{change}: {rows} row changed, {moved} changed predikat  ({description})",
    ),
    "impact.moved_head": ("predikat berubah:", "predikat changed:"),
    "impact.largest": (
        "perubahan indeks terbesar tanpa pergantian predikat ({top} teratas dari {n}):",
        "largest index changes without a predikat change (top {top} of {n}):",
    ),
    "impact.not_evaluated": ("tidak dinilai:", "not evaluated:"),
    "impact.under": ("menurut {ruleset}: {error}", "under {ruleset}: {error}"),
    "impact.row_cause": ("disebabkan oleh {causes}", "caused by {causes}"),
    "impact.exact": ("(tepat {a} -> {b}, {delta})", "(exact {a} -> {b}, {delta})"),
    "impact.structural": ("perubahan yang tidak dapat dicoba sendiri: {ids}", "changes that cannot be tried alone: {ids}"),
    # --- _analysis.impact_corpus: what impact evaluates -----------------------------------------------------
    "head.corpus_not_found": ("korpus tidak ditemukan", "corpus not found"),
    "head.corpus_unreadable": ("korpus tidak dapat dibaca", "corpus cannot be read"),
    "head.not_a_corpus": ("bukan korpus", "not a corpus"),
    "NOT_FOUND.corpus": ("korpus tidak ada", "the corpus does not exist"),
    "NOT_FOUND.corpus.hint": (
        "sebutkan folder berisi penilaian, berkas CSV atau berkas kumpulan kasus",
        "name a folder of assessments, a CSV file or a case-suite file",
    ),
    "NOT_A_CORPUS": ("berkas ini bukan kumpulan kasus", "this file is not a case suite"),
    "NOT_A_CORPUS.hint": (
        "sebutkan folder berisi penilaian, berkas CSV atau berkas kumpulan kasus (format: spbe-rules/cases@1)",
        "name a folder of assessments, a CSV file or a case-suite file (format: spbe-rules/cases@1)",
    ),
    "impact.not_assessment": ("bukan penilaian", "not an assessment"),
    "impact.invalid_assessment": ("bukan penilaian yang sah: {problem}", "not a valid assessment: {problem}"),
    "impact.unreadable": ("tidak dapat dibaca", "cannot be read"),
    "impact.column": ("(kolom {col})", "(column {col})"),
}
