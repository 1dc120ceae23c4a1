"""Message catalogue, part: The command line: argparse, --help of every command, status lines.

Key -> (Bahasa Indonesia, English); see ``spbe_rules._base.messages``."""

from __future__ import annotations

from ..links import docs_url

ENTRIES: dict[str, tuple[str, str]] = {
    # --- _cli.main: the command line itself -----------------------------------------------------
    "cli.description": (
        "Menilai evaluasi SPBE secara tepat menurut set aturan berversi (PermenPANRB 59/2020 dan lainnya).",
        "Evaluate SPBE assessments exactly under versioned rulesets (PermenPANRB 59/2020 and others).",
    ),
    "cli.command_metavar": ("PERINTAH", "COMMAND"),
    "cli.commands_heading": ("Perintah:", "Commands:"),
    "cli.warning": ("peringatan", "warning"),
    "test.skipped": (
        "{path}: dilewati: ditulis untuk set aturan {own} ({own_n} indikator), strukturnya berbeda dari {ruleset} ({n} indikator)",
        "{path}: skipped: written for ruleset {own} ({own_n} indicators), a structure other than {ruleset} ({n} indicators)",
    ),
    "cli.commands_footer": (
        "Bantuan satu perintah: spbe-rules PERINTAH --help    Versi: spbe-rules --version",
        "Help on one command: spbe-rules COMMAND --help    Version: spbe-rules --version",
    ),
    "cli.unknown_command": (
        "perintah tidak dikenal: `{command}`{hint} (daftar perintah: spbe-rules tanpa argumen)",
        "unknown command: `{command}`{hint} (list of commands: spbe-rules without arguments)",
    ),
    "cli.did_you_mean": ("; maksud Anda `{guess}`?", "; did you mean `{guess}`?"),
    "cli.lang": (
        "bahasa keluaran: id (Bahasa Indonesia, bawaan) atau en (English); juga lewat {env}",
        "language of the output: id (Bahasa Indonesia, the default) or en (English); also through {env}",
    ),
    "cli.interrupted": ("dihentikan", "interrupted"),
    "cli.internal_error": (
        "kesalahan internal: {error}: {detail} (mohon laporkan; setel SPBE_RULES_DEBUG=1 untuk melihat jejaknya)",
        "internal error: {error}: {detail} (please report it; set SPBE_RULES_DEBUG=1 to see the traceback)",
    ),
    "cli.output_is_folder": ("{path}: ini folder; sebutkan berkas {what}", "{path}: is a folder; name the {what} file"),
    "cli.no_folder": ("{path}: folder {folder} tidak ada", "{path}: the folder {folder} does not exist"),
    "output.output": ("keluaran", "output"),
    "output.errors": ("daftar kesalahan", "errors"),
    "output.results": ("hasil", "results"),
    "output.report": ("laporan", "report"),
    # --- argparse's own words (see _cli/lang.py; %-placeholders as argparse writes them) -----------
    "argparse.usage": ("penggunaan: ", "usage: "),
    "argparse.positional": ("argumen posisi", "positional arguments"),
    "argparse.options": ("opsi", "options"),
    "argparse.help": ("tampilkan bantuan ini lalu keluar", "show this help message and exit"),
    "argparse.version": ("tampilkan nomor versi program lalu keluar", "show program's version number and exit"),
    "argparse.error": ("%(prog)s: kesalahan: %(message)s\n", "%(prog)s: error: %(message)s\n"),
    "argparse.required": ("argumen berikut wajib diisi: %s", "the following arguments are required: %s"),
    "argparse.unrecognized": ("argumen tidak dikenal: %s", "unrecognized arguments: %s"),
    "argparse.argument": ("argumen %(argument_name)s: %(message)s", "argument %(argument_name)s: %(message)s"),
    "argparse.choice": ("pilihan tidak sah: %(value)r (pilih dari %(choices)s)", "invalid choice: %(value)r (choose from %(choices)s)"),
    "argparse.type": ("nilai %(type)s tidak sah: %(value)r", "invalid %(type)s value: %(value)r"),
    "argparse.one": ("memerlukan satu argumen", "expected one argument"),
    "argparse.at_most_one": ("memerlukan paling banyak satu argumen", "expected at most one argument"),
    "argparse.at_least_one": ("memerlukan paling sedikit satu argumen", "expected at least one argument"),
    "argparse.ambiguous": ("opsi ambigu: %(option)s bisa berarti %(matches)s", "ambiguous option: %(option)s could match %(matches)s"),
    "argparse.not_with": ("tidak boleh bersama argumen %s", "not allowed with argument %s"),
    "argparse.one_of": ("salah satu argumen %s wajib diisi", "one of the arguments %s is required"),
    "argparse.ignored": ("argumen eksplisit %r diabaikan", "ignored explicit argument %r"),
    "argparse.unexpected": ("string opsi tak terduga: %s", "unexpected option string: %s"),
    "argparse.parser": ("perintah %(parser_name)r tidak dikenal (pilihan: %(choices)s)", "unknown parser %(parser_name)r (choices: %(choices)s)"),
    "argparse.open": ("tidak dapat membuka '%(filename)s': %(error)s", "can't open '%(filename)s': %(error)s"),
    "argparse.expected": ("memerlukan %s argumen", "expected %s argument"),
    "argparse.expected.many": ("memerlukan %s argumen", "expected %s arguments"),
    # --- the commands' help (cmd.NAME: one line; cmd.NAME.description; opt.*: options) ------------
    "cmd.batch": (
        "menilai banyak penilaian (CSV, .xlsx atau folder) ke dalam satu tabel",
        "evaluate many assessments (CSV, .xlsx or a folder) into one table",
    ),
    "cmd.batch.description": (
        "Menilai setiap baris berkas CSV atau buku kerja Excel (satu penilaian per baris; lihat `spbe-rules template`), atau setiap berkas penilaian dalam folder, lalu menulis satu hasil per baris ke OUTPUT (.csv, .jsonl atau .xlsx). Baris yang salah dicantumkan di stderr beserta baris dan kolomnya lalu dilewati; baris yang benar tetap ditulis. Status keluar: 0 semua baris benar, 1 ada baris yang salah, 2 masukan tidak dapat dipakai (tidak ada yang ditulis).",
        "Evaluate every row of a CSV file or an Excel workbook (one assessment per row; see `spbe-rules template`), or every assessment file in a folder, and write one result per row to OUTPUT (.csv, .jsonl or .xlsx). Bad rows are listed on stderr with their row and column and left out; the good rows are still written. Exit status: 0 all rows good, 1 some rows bad, 2 the input cannot be used (nothing written).",
    ),
    "opt.batch.input": (
        "berkas .csv, buku kerja .xlsx, atau folder berisi penilaian .yaml/.json",
        "a .csv file, an .xlsx workbook, or a folder of .yaml/.json assessments",
    ),
    "opt.batch.output": (
        "berkas hasil: .csv, .jsonl atau .xlsx (ditulis utuh di akhir); - untuk keluaran standar (dengan --format)",
        "results file: .csv, .jsonl or .xlsx (written whole at the end); - for standard output (with --format)",
    ),
    "opt.batch.ruleset": (
        "menilai setiap baris menurut set aturan ini (bawaan: kolom `ruleset` tiap baris, selain itu set aturan yang berlaku untuk tahunnya)",
        "evaluate every row under this ruleset (default: each row's `ruleset` column, else the one in force for its year)",
    ),
    "opt.batch.missing": (
        "sel tingkat kematangan yang kosong adalah kesalahan (bawaan) atau dihitung pada tingkat terendah skala",
        "an empty level cell is an error (default) or counts at the scale's lowest level",
    ),
    "opt.batch.stop_on_error": (
        "berhenti pada baris salah yang pertama (keluar 2, tidak ada yang ditulis)",
        "stop at the first bad row (exit 2, nothing written)",
    ),
    "opt.batch.errors": (
        "tulis juga setiap masalah dari baris yang salah ke FILE (CSV: `source,row,column,code,message,hint`; - untuk keluaran standar)",
        "also write every problem of the bad rows to FILE (CSV: `source,row,column,code,message,hint`; - for standard output)",
    ),
    "opt.batch.sheet": (
        "lembar buku kerja yang dibaca (bawaan: `penilaian`, selain itu lembar pertama)",
        "sheet of a workbook to read (default: `penilaian`, else the first)",
    ),
    "opt.enable_rule": (
        "aktifkan aturan opsional (dapat diulang)",
        "switch on an optional rule (repeatable)",
    ),
    "opt.disable_rule": (
        "nonaktifkan aturan (dapat diulang)",
        "switch off a rule (repeatable)",
    ),
    "opt.batch.backend": (
        "mesin penghitung (bawaan auto: numpy bila terpasang); semuanya memberi angka yang sama",
        "evaluation backend (default auto: numpy when installed); all give the same numbers",
    ),
    "opt.batch.progress": (
        "bilah kemajuan di stderr (auto: hanya di terminal)",
        "progress bar on stderr (auto: only on a terminal)",
    ),
    "cmd.template": (
        "menulis templat batch kosong (CSV atau .xlsx) untuk suatu set aturan",
        "write an empty batch template (CSV or .xlsx) for a ruleset",
    ),
    "cmd.template.description": (
        "Menulis tabel kosong untuk `spbe-rules batch`: baris judul berisi instansi, year, stage, doc:KEY dan satu kolom per nomor indikator. Templat CSV menjelaskan setiap kolom dalam baris komentar (#) di atas baris judul; templat .xlsx memiliki lembar kedua `petunjuk` berisi nama indikator dan tingkat kematangan yang diperbolehkan, serta memeriksa tingkat saat diketik.",
        "Write an empty table for `spbe-rules batch`: a header row with instansi, year, stage, doc:KEY and one column per indicator number. A CSV template explains every column in commented lines (#) above the header; an .xlsx template has a second sheet `petunjuk` with indicator names and allowed levels, and checks levels as they are typed.",
    ),
    "opt.template.ruleset": (
        "set aturan yang indikatornya menjadi kolom",
        "ruleset whose indicators make the columns",
    ),
    "opt.template.format": (
        "bawaan: dari akhiran nama berkas -o (wajib dengan -o -)",
        "default: from the suffix of -o (required with -o -)",
    ),
    "cmd.test": (
        "menjalankan kumpulan kasus (contoh terhitung dengan hasil yang diharapkan)",
        "run case suites (worked examples with expected results)",
    ),
    "cmd.test.description": (
        "Menilai setiap kasus dalam kumpulan kasus dan membandingkannya dengan indeks, predikat, indeks domain dan aspek, serta tingkat kematangan efektif yang diharapkan. Keluar 0 bila semua lulus, 1 bila ada kasus yang gagal, 2 untuk masukan yang salah.",
        "Evaluate every case of the case suites and compare with the expected index, predikat, domain and aspect indices and effective levels. Exit 0 when all pass, 1 when a case fails, 2 for bad input.",
    ),
    "opt.test.paths": (
        "berkas kumpulan kasus, atau folder tempat mencarinya",
        "case-suite files, or folders searched for them",
    ),
    "opt.test.installed": (
        "jalankan juga kumpulan kasus yang dikirim bersama spbe-rules",
        "also run the suites shipped with spbe-rules",
    ),
    "opt.test.ruleset": (
        "menilai setiap kasus menurut set aturan ini, bukan set aturan kumpulannya sendiri (untuk mencoba set aturan yang diubah)",
        "evaluate every case under this ruleset instead of the suites' own (to try a changed ruleset)",
    ),
    "opt.test.verbose": (
        "cantumkan juga kasus yang lulus",
        "list passing cases too",
    ),
    "opt.test.output": (
        "tulis laporan ke FILE, bukan ke keluaran standar",
        "write the report to FILE instead of standard output",
    ),
    "opt.ruleset": (
        "set aturan yang dipakai (bawaan: milik penilaian itu sendiri, selain itu yang berlaku untuk tahunnya)",
        "ruleset to use (default: the assessment's own, else the one in force for its year)",
    ),
    "opt.missing": (
        "tindakan bila tingkat kematangan tidak diisi: error (bawaan) atau lowest (dihitung pada tingkat terendah skala, ditandai)",
        "what to do when a level is missing: error (default) or lowest (count it at the scale's lowest level, marked)",
    ),
    "cmd.evaluate": (
        "menilai berkas penilaian",
        "evaluate an assessment file",
    ),
    "cmd.evaluate.description": (
        "Menilai suatu penilaian (YAML atau JSON) lalu mencetak indeks, predikat dan tabel per domain.",
        "Evaluate an assessment (YAML or JSON) and print the index, predikat and a table per domain.",
    ),
    "opt.file": (
        "berkas penilaian (.yaml atau .json)",
        "assessment file (.yaml or .json)",
    ),
    "opt.output": (
        "tulis ke FILE, bukan ke keluaran standar",
        "write to FILE instead of standard output",
    ),
    "cmd.explain": (
        "menjelaskan hasil dengan kata-kata sederhana, beserta dasar hukumnya",
        "explain a result in plain words, with the legal basis",
    ),
    "cmd.explain.description": (
        "Menjelaskan mengapa setiap indeks dan tingkat kematangan bernilai demikian, aturan mana yang berlaku dan peraturan yang mendasarinya.",
        "Explain why each index and level is what it is, which rules apply and the regulation behind them.",
    ),
    "opt.explain.file": (
        "berkas penilaian",
        "assessment file",
    ),
    "opt.explain.indicator": (
        "jelaskan indikator N saja",
        "explain only indicator N",
    ),
    "cmd.validate": (
        "memeriksa berkas set aturan dan penilaian",
        "check ruleset and assessment files",
    ),
    "cmd.validate.description": (
        "Memeriksa set aturan, penilaian dan kumpulan kasus; mencetak setiap masalah dengan berkas:baris:kolom.",
        "Check rulesets, assessments and case suites; print every problem with file:line:col.",
    ),
    "opt.validate.ruleset": (
        "set aturan untuk memeriksa penilaian",
        "ruleset to check assessments against",
    ),
    "cmd.rulesets": (
        "mendaftar set aturan yang terpasang",
        "list installed rulesets",
    ),
    "cmd.rulesets.description": (
        "Mendaftar set aturan yang terpasang dan tahun evaluasi tempat masing-masing berlaku.",
        "List the installed rulesets and the evaluation years they apply to.",
    ),
    "cmd.show": (
        "menampilkan indikator, bobot dan aturan suatu set aturan",
        "show a ruleset's indicators, weights and rules",
    ),
    "cmd.show.description": (
        "Menampilkan set aturan (id terpasang atau berkas) sebagai ringkasan yang mudah dibaca, atau sebagai JSON yang dinormalkan.",
        "Show a ruleset (installed id or file) as a readable summary, or as normalised JSON.",
    ),
    "cmd.diff": (
        "apa yang berubah di antara dua set aturan, dengan tempat setiap perubahan",
        "what changed between two rulesets, with the place of each change",
    ),
    "cmd.diff.description": (
        "Mendaftar setiap perbedaan dari set aturan A ke set aturan B (id terpasang atau berkas): indikator yang ditambah, dihapus, diganti nama atau dipindah; bobot; rentang predikat; tampilan dan pembulatan; skala tingkat kematangan; aturan; dokumen; tahun. Setiap perubahan menunjukkan tempat nilai lama dan nilai baru ditulis. Perubahan yang dapat mengubah hasil ditandai *.",
        "List every difference from ruleset A to ruleset B (installed ids or files): indicators added, removed, renamed or moved; weights; predikat bands; display and rounding; level scale; rules; documents; years. Each change shows where the old and the new value are written. Changes that can change results are marked *.",
    ),
    "opt.a": (
        "set aturan sebelum (id atau berkas)",
        "the ruleset before (id or file)",
    ),
    "opt.b": (
        "set aturan sesudah (id atau berkas)",
        "the ruleset after (id or file)",
    ),
    "opt.diff.exit_code": (
        "keluar 1 bila kedua set aturan berbeda (seperti git diff --exit-code)",
        "exit 1 when the rulesets differ (like git diff --exit-code)",
    ),
    "cmd.impact": (
        "menilai penilaian menurut dua set aturan dan menunjukkan apa yang berubah, dan mengapa",
        "evaluate assessments under two rulesets and show what changes, and why",
    ),
    "cmd.impact.description": (
        "Menilai setiap penilaian dalam CORPUS menurut set aturan A dan set aturan B; menunjukkan indeks dan predikat setiap penilaian menurut keduanya, berapa yang berganti predikat, perubahan terbesar, dan perubahan mana dari diff yang menyebabkannya (setiap perubahan penilaian dicoba sendiri, ke dua arah). CORPUS adalah folder berisi berkas penilaian, berkas CSV atau buku kerja .xlsx dengan susunan `spbe-rules batch` (instansi, year, stage opsional, satu kolom per nomor indikator, kolom doc:KEY opsional), atau berkas kumpulan kasus. Penilaian yang tidak dapat dinilai dicantumkan beserta alasannya.",
        "Evaluate every assessment of CORPUS under ruleset A and ruleset B; show each assessment's index and predikat under both, how many changed predikat, the largest changes, and which changes of the diff caused them (each scoring change is tried alone, in both directions). CORPUS is a folder of assessment files, a CSV file or .xlsx workbook in the layout of `spbe-rules batch` (instansi, year, optional stage, one column per indicator number, optional doc:KEY columns), or a case-suite file. Assessments that cannot be evaluated are listed with the reason.",
    ),
    "opt.impact.corpus": (
        "folder berisi penilaian, tabel CSV/.xlsx, atau berkas kumpulan kasus",
        "folder of assessments, CSV/.xlsx table, or case-suite file",
    ),
    "opt.impact.missing": (
        "tindakan bila tingkat kematangan tidak diisi (bawaan: error)",
        "what to do with a missing level (default: error)",
    ),
    "opt.impact.top": (
        "berapa banyak perubahan indeks terbesar yang dicantumkan (bawaan 10)",
        "how many of the largest index changes to list (default 10)",
    ),
    "opt.impact.fail_on_change": (
        "keluar 1 bila ada predikat yang berubah (untuk CI)",
        "exit 1 when any predikat changes (for CI)",
    ),
    "cmd.whatif": (
        "bagaimana jika beberapa tingkat kematangan (atau dokumen) berubah?",
        "what if some levels (or documents) changed?",
    ),
    "cmd.whatif.description": (
        "Menilai ulang suatu penilaian dengan beberapa tingkat kematangan atau dokumen diubah; menunjukkan perubahan indeks, setiap domain dan aspek, predikat, dan indikator terbatas mana yang dilepas.",
        "Re-evaluate an assessment with some levels or documents changed; show the change of the index, every domain and aspect, the predikat, and which capped indicators are released.",
    ),
    "opt.whatif.set": (
        "setel indikator N ke tingkat LEVEL (dapat diulang), mis. --set 11=3",
        "set indicator N to LEVEL (repeatable), e.g. --set 11=3",
    ),
    "opt.whatif.document": (
        "nyatakan apakah suatu dokumen ada (dapat diulang), mis. --document peta_rencana_spbe=true",
        "state whether a document exists (repeatable), e.g. --document peta_rencana_spbe=true",
    ),
    "cmd.gains": (
        "nilai satu tingkat tambahan setiap indikator saat ini",
        "what one more level of each indicator is worth now",
    ),
    "cmd.gains.description": (
        "Untuk setiap indikator, perubahan tepat indeks dan setiap domain bila tingkat kematangannya satu lebih tinggi (dengan aturan diterapkan), diurutkan; dan apa yang dilepas bila setiap syarat penghambat dipenuhi.",
        "For each indicator, the exact change of the index and of each domain if its level were one higher (with the rules applied), ranked; and what satisfying each blocking condition would release.",
    ),
    "opt.gains.top": (
        "tampilkan hanya N indikator terbaik",
        "show only the N best indicators",
    ),
    "cmd.plan": (
        "cara termurah mencapai sasaran indeks atau predikat",
        "the cheapest way to reach a target index or predikat",
    ),
    "cmd.plan.description": (
        "Mencari kombinasi termurah kenaikan tingkat kematangan dan dokumen yang mencapai sasaran predikat (mis. Baik, menurut aturan pembulatan dan rentang set aturan itu sendiri) atau indeks (indeks tepat >= nilai itu; --target-display membandingkan indeks yang ditampilkan). Keluar 0: tercapai; 1: tidak dapat dicapai dalam batasan (laporan menyebut alasannya dan menunjukkan hasil terbaik yang dapat dicapai); 2: masukan salah.",
        "Find the cheapest set of level raises and documents that reaches a target predikat (e.g. Baik, under the ruleset's own rounding and band rule) or index (exact index >= the value; --target-display compares the displayed index). Exit 0: reached; 1: cannot be reached under the limits (the report says why and shows the best reachable); 2: bad input.",
    ),
    "opt.plan.target": (
        'predikat (Baik, "Sangat Baik") atau indeks seperti 3.0 (indeks tepat >= 3.0)',
        'a predikat (Baik, "Sangat Baik") or an index such as 3.0 (exact index >= 3.0)',
    ),
    "opt.plan.target_display": (
        "bandingkan indeks yang ditampilkan (dibulatkan) dengan sasaran indeks, bukan indeks tepatnya",
        "compare the displayed (rounded) index with an index target instead of the exact one",
    ),
    "opt.plan.costs": (
        f"berkas biaya dan batasan (lihat {docs_url('planner')}); bawaan: setiap langkah tingkat dan dokumen berbiaya 1",
        f"costs and limits file (see {docs_url('planner')}); default: every level step and document costs 1",
    ),
    "opt.plan.max_raise": (
        "naikkan indikator mana pun paling banyak N tingkat",
        "raise any indicator at most N levels",
    ),
    "opt.plan.fix": (
        "indikator yang tidak boleh diubah rencana (dapat diulang; daftar dan rentang seperti 45-47)",
        "indicators the plan must not change (repeatable; lists and ranges such as 45-47)",
    ),
    "opt.plan.budget": (
        "biaya total rencana tidak boleh melebihi AMOUNT",
        "the plan's total cost may not exceed AMOUNT",
    ),
    "opt.plan.no_document": (
        "dokumen yang tidak boleh diandalkan rencana untuk diperoleh (dapat diulang)",
        "a document the plan must not count on obtaining (repeatable)",
    ),
    "cmd.risk": (
        "seberapa dekat predikat dengan batasnya, dan penurunan satu tingkat mana yang akan mengubahnya",
        "how close the predikat is to its edges, and which one-level drops would change it",
    ),
    "cmd.risk.description": (
        "Margin dan risiko satu penilaian: indeks tepat, batas-batas predikatnya menurut aturan batas set aturan "
        "(indeks dibulatkan atau tepat) beserta jaraknya, dan setiap penurunan satu tingkat sebuah indikator (sesudah "
        "aturan ketergantungan) yang akan mengubah predikat, yang paling merugikan lebih dulu.",
        "Margin and risk of one assessment: the exact index, the boundaries of its predikat under the ruleset's "
        "boundary rule (rounded or exact index) and the distance to each, and every one-level drop of an indicator "
        "(after the dependency rules) that would change the predikat, the most costly first.",
    ),
    "cmd.compare": (
        "satu instansi dari tahun ke tahun: indeks, domain, indikator dan pengaruh pergantian set aturan",
        "one institution over the years: index, domains, indicators and the effect of the ruleset change",
    ),
    "cmd.compare.description": (
        "Membandingkan penilaian satu instansi pada dua tahun atau lebih: indeks, domain dan indikator tiap tahun, "
        "set aturan yang dipakai tiap tahun (yang sementara ditandai), apa yang berubah, dan pengaruh pergantian set "
        "aturan saja (tingkat tahun yang lebih baru dinilai dengan aturan kedua tahun).",
        "Compare the assessments of one institution over two or more years: the index, domains and indicators of "
        "each year, the ruleset each year was evaluated under (provisional ones marked), what changed, and the "
        "effect of the ruleset change alone (the later year's levels evaluated under both years' rules).",
    ),
    "opt.compare.files": ("berkas penilaian, satu per tahun (urutan bebas)", "assessment files, one per year (any order)"),
    "opt.compare.enable_rule": (
        "aktifkan aturan opsional pada setiap tahun yang set aturannya memilikinya (dapat diulang)",
        "switch on an optional rule in every year whose ruleset has it (repeatable)",
    ),
    "opt.compare.disable_rule": (
        "nonaktifkan aturan pada setiap tahun yang set aturannya memilikinya (dapat diulang)",
        "switch off a rule in every year whose ruleset has it (repeatable)",
    ),
    "cmd.report": (
        "menulis laporan HTML (satu penilaian, atau ringkasan hasil batch)",
        "write an HTML report (one assessment, or a summary of batch results)",
    ),
    "cmd.report.description": (
        "Menulis laporan HTML mandiri dengan grafik (dapat dicetak). Untuk satu berkas penilaian FILE: indeks dan predikat, radar aspek, batang domain terhadap sasaran, indikator yang dibatasi dan apa yang melepasnya, serta rencana termurah menuju predikat berikutnya. Dengan --batch RESULTS (.jsonl atau .csv yang ditulis `spbe-rules batch`): sebaran predikat, peringkat dan perubahan dari tahun ke tahun.",
        "Write a self-contained HTML report with charts (Indonesian labels, printable). For one assessment FILE: index and predikat, aspect radar, domain bars against a target, capped indicators and what releases them, and the cheapest plan to the next predikat. With --batch RESULTS (the .jsonl or .csv written by `spbe-rules batch`): predikat distribution, ranking and change from year to year.",
    ),
    "opt.report.batch": (
        "ringkas hasil batch (.jsonl atau .csv dari spbe-rules batch) sebagai gantinya",
        "summarise batch results (.jsonl or .csv from spbe-rules batch) instead",
    ),
    "opt.report.output": (
        "berkas laporan (.html); - untuk keluaran standar",
        "the report file (.html); - for standard output",
    ),
    "opt.report.target": (
        "gambar batang domain terhadap indeks ini (bawaan: batas bawah predikat berikutnya)",
        "draw the domain bars against this index (default: the lower bound of the next predikat)",
    ),
    "opt.report.no_plan": (
        "tanpa rencana menuju predikat berikutnya",
        "leave out the plan to the next predikat",
    ),
    "opt.report.history": (
        "penilaian instansi yang sama pada tahun lain, untuk menampilkan tahun-tahun berdampingan (dapat diulang)",
        "an assessment of the same institution in another year, to show the years side by side (repeatable)",
    ),
    "opt.report.costs": (
        "berkas biaya untuk rencana (lihat `spbe-rules plan`; bawaan: setiap langkah berbiaya 1)",
        "costs file for the plan (see `spbe-rules plan`; default: every step costs 1)",
    ),
    "opt.report.top": (
        "dengan --batch: jumlah baris peringkat yang ditampilkan (bawaan 100)",
        "with --batch: rows of the ranking to show (default 100)",
    ),
    "opt.report.title": (
        "dengan --batch: judul laporan",
        "with --batch: the report's title",
    ),
    "opt.report.missing": (
        "tindakan bila tingkat kematangan tidak diisi",
        "what to do when a level is missing",
    ),
    "opt.format": ("bentuk keluaran: text (bawaan) atau json", "output form: text (the default) or json"),
    "opt.template.output": ("berkas templat (.csv atau .xlsx); - untuk keluaran standar", "the template file (.csv or .xlsx); - for standard output"),
    "opt.validate.files": ("berkas set aturan, penilaian atau kumpulan kasus", "ruleset, assessment or case-suite files"),
    "opt.show.ruleset": ("id set aturan yang terpasang, atau berkasnya", "an installed ruleset id, or its file"),
    # --- _cli.core: rulesets, show, explain -----------------------------------------------------------
    "rulesets.id": ("ID", "ID"),
    "rulesets.version": ("VERSI", "VERSION"),
    "rulesets.status": ("STATUS", "STATUS"),
    "rulesets.years": ("TAHUN", "YEARS"),
    "rulesets.extends": ("MEMPERLUAS", "EXTENDS"),
    "rulesets.title": ("JUDUL", "TITLE"),
    "status.in_force": ("berlaku", "in force"),
    "status.provisional": ("sementara", "provisional"),
    "status.superseded": ("digantikan", "superseded"),
    "show.reason": ("alasan: {reason}", "reason: {reason}"),
    "show.years": ("tahun evaluasi: {years}; memperluas: {extends}", "evaluation years: {years}; extends: {extends}"),
    "show.scale": (
        "skala {min}..{max}; tampilan {decimals} desimal, {rounding}, predikat dari indeks {index}",
        "scale {min}..{max}; display {decimals} decimals, {rounding}, predikat from the {index} index",
    ),
    "show.from.rounded": ("yang dibulatkan", "rounded"),
    "show.from.exact": ("tepat (tanpa pembulatan)", "exact (unrounded)"),
    "show.item": ("{id} {name} (bobot {weight})", "{id} {name} (weight {weight})"),
    "show.requirements": ("{n} butir persyaratan ({optional} opsional)", "{n} requirement items ({optional} optional)"),
    "show.no_requirements": ("tanpa butir persyaratan: {reason}", "no requirement items: {reason}"),
    "show.rule_on": ("aktif", "on"),
    "show.rule_off": ("nonaktif (opsional)", "off (optional)"),
    "show.rule": (
        "aturan {id} [{kind}, {state}, {status}]: sasaran {targets} paling tinggi tingkat {level}",
        "rule {id} [{kind}, {state}, {status}]: targets {targets} at most level {level}",
    ),
    "explain.no_indicator": (
        "--indicator {n}: set aturan {ruleset} memiliki indikator {min} sampai {max}",
        "--indicator {n}: ruleset {ruleset} has indicators {min} to {max}",
    ),
    # --- _cli.validate -------------------------------------------------------------------------------
    "validate.ruleset": (
        "{name}: ok (set aturan {id} {version}, {indicators} indikator, {rules} aturan ketergantungan)",
        "{name}: ok (ruleset {id} {version}, {indicators} indicators, {rules} dependency rules)",
    ),
    "validate.cases": ("{name}: ok (kumpulan kasus, {n} kasus)", "{name}: ok (case suite, {n} cases)"),
    "validate.costs": (
        "{name}: ok (berkas biaya; sebutkan --ruleset untuk memeriksa kecocokannya dengan set aturan)",
        "{name}: ok (costs file; name --ruleset to check that it fits a ruleset)",
    ),
    "validate.costs_fit": ("{name}: ok (berkas biaya, sesuai set aturan {ruleset})", "{name}: ok (costs file, fits ruleset {ruleset})"),
    "validate.assessment": (
        "{name}: ok (penilaian {instansi} {year}, sesuai set aturan {ruleset})",
        "{name}: ok (assessment of {instansi} {year}, fits ruleset {ruleset})",
    ),
    "head.unknown_format": ("jenis berkas tidak dikenali", "kind of file not recognised"),
    "UNKNOWN_FORMAT": ("jenis berkas tidak dapat dikenali", "the kind of file cannot be recognised"),
    "UNKNOWN_FORMAT.hint": ("tulis `format:` di awal berkas ({kinds})", "write `format:` at the top of the file ({kinds})"),
    # --- _cli.cases: spbe-rules test -------------------------------------------------------------------
    "test.nothing": (
        "sebutkan berkas atau folder kumpulan kasus, atau pakai --installed untuk menjalankan kumpulan kasus bawaan",
        "name case-suite files or folders, or use --installed to run the shipped suites",
    ),
    "test.none_found": (
        "{path}: tidak ada kumpulan kasus (kumpulan kasus bernama *.cases.yaml atau diawali `format: spbe-rules/cases@1`)",
        "{path}: no case suites found (a suite is *.cases.yaml or has `format: spbe-rules/cases@1` at the top)",
    ),
    "test.total": ("jumlah: {passed} lulus, {failed} gagal dalam {n} kumpulan kasus", "total: {passed} passed, {failed} failed in {n} suite"),
    "test.total.many": ("jumlah: {passed} lulus, {failed} gagal dalam {n} kumpulan kasus", "total: {passed} passed, {failed} failed in {n} suites"),
    "test.total.exceptions": (
        "; {reproduced} direproduksi menurut aturan, {n} pengecualian yang dinyatakan",
        "; {reproduced} reproduced under the rules, {n} declared exceptions",
    ),
    "test.total.bad": ("; {n} kumpulan kasus tidak dapat dijalankan", "; {n} suite could not be run"),
    "test.total.bad.many": ("; {n} kumpulan kasus tidak dapat dijalankan", "; {n} suites could not be run"),
    # --- _cli.batch and _cli.report: status lines -------------------------------------------------------------
    "template.written": ("templat untuk {ruleset} ({n} indikator) ditulis ke {output}", "template for {ruleset} ({n} indicators) written to {output}"),
    "batch.done": (
        "{good} {rows_good} dinilai, {bad} {rows_bad} salah dilewati; hasil di {output}",
        "{good} {rows_good} evaluated, {bad} bad {rows_bad} left out; results in {output}",
    ),
    "word.row": ("baris", "row"),
    "word.rows": ("baris", "rows"),
    "report.target": ("--target {text}: berikan indeks seperti 2.6", "--target {text}: give an index such as 2.6"),
    "report.top": ("--top paling sedikit 1", "--top must be at least 1"),
    "report.both": ("berikan berkas penilaian FILE atau --batch RESULTS, tidak keduanya", "give either an assessment FILE or --batch RESULTS, not both"),
    "report.none": ("berikan berkas penilaian FILE, atau --batch RESULTS", "give an assessment FILE, or --batch RESULTS"),
    "report.summary_of": ("ringkasan {path}", "summary of {path}"),
    "report.report_for": ("laporan untuk {instansi} ({index} {predikat})", "report for {instansi} ({index} {predikat})"),
    "report.written": ("{what} ditulis ke {output}", "{what} written to {output}"),
}
