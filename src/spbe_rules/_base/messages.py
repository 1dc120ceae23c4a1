"""The one message catalogue: every text a person sees, in Bahasa Indonesia and English.

Each entry maps a stable key to a pair of templates ``(Bahasa Indonesia, English)`` with
the same named placeholders (``{aspect}``, ``{total}``). Problem codes are keys (the
message of a problem with code ``WEIGHT_SUM`` is ``WEIGHT_SUM``; its hint, when it has
one, ``WEIGHT_SUM.hint``); a code with several wordings adds a variant after a dot
(``DUPLICATE_ID.band``, ``DUPLICATE_ID.band.hint``). Other texts have lower-case keys
grouped by where they are shown (``cli.*``, ``show.*``, ``validate.*``, ``test.*``...).

A :class:`Msg` is a key with its parameters; it renders in either language, so a
problem keeps its code and parameters and can be shown in the language the reader
asks for. Parameters may themselves be :class:`Msg` (rendered in the same language)
or lists (joined with commas). The Indonesian words follow ``docs/glosarium.md``.

How to add a message: add ``"KEY": ("teks Indonesia {x}", "English text {x}")`` in the
section of the module that shows it, then use ``Msg("KEY", x=...)`` (or, for a problem,
``Problem.of("KEY", location, x=...)``). ``tests/test_messages.py`` checks that both
languages have the same placeholders, that every code raised anywhere is in the
catalogue and that the Indonesian texts keep to the glossary.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Final, Literal

__all__ = ["CATALOGUE", "LANGS", "Lang", "Msg", "lang_or_none", "placeholders", "render"]

Lang = Literal["id", "en"]
LANGS: Final[tuple[Lang, ...]] = ("id", "en")


def lang_or_none(value: str | None) -> Lang | None:
    """``value`` as a language code (``id``/``en``, any case, spaces ignored), or None when it is not one."""
    if value is None:
        return None
    v = value.strip().lower()
    if v == "id":
        return "id"
    if v == "en":
        return "en"
    return None


class Msg:
    """A catalogue key and its parameters: a text that can be shown in either language.

    ``Msg("WEIGHT_SUM", aspect="A2", total="10.5", weight="10").render("en")``.
    An unknown key is a programming error (``KeyError`` when the message is made).
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        if key not in CATALOGUE:
            raise KeyError(f"message {key!r} is not in the catalogue (spbe_rules._base.messages)")
        self.key = key
        self.params: Mapping[str, object] = params

    def render(self, lang: Lang) -> str:
        return render(self.key, lang, self.params)

    @property
    def id(self) -> str:
        """The text in Bahasa Indonesia."""
        return self.render("id")

    @property
    def en(self) -> str:
        """The text in English."""
        return self.render("en")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Msg):
            return NotImplemented
        return self.key == other.key and dict(self.params) == dict(other.params)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return f"Msg({self.key!r}{args})"


def _value(value: object, lang: Lang) -> object:
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_value(v, lang)) for v in value)
    return value


def render(key: str, lang: Lang, params: Mapping[str, object]) -> str:
    """The template ``key`` in ``lang`` with ``params`` filled in."""
    template = CATALOGUE[key][0 if lang == "id" else 1]
    return template.format_map({k: _value(v, lang) for k, v in params.items()})


def placeholders(template: str) -> set[str]:
    """The names of the placeholders of a template (``{name}``)."""
    return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(template) if field is not None}


# key -> (Bahasa Indonesia, English). Keep entries grouped by the module that shows them.
CATALOGUE: Final[dict[str, tuple[str, str]]] = {
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
    # --- _source: reading YAML/JSON safely ---------------------------------------------------
    "TOO_LARGE.values": ("berkas berisi lebih dari {limit} nilai", "the file has more than {limit} values"),
    "TOO_LARGE.values.hint": ("pecah berkas atau hapus isi yang berulang", "split it or remove repeated content"),
    "TOO_LARGE.file": ("berkas berukuran {size} bita; paling banyak {limit} bita yang dibaca", "the file is {size} bytes; at most {limit} are read"),
    "TOO_LARGE.file.hint": ("pecah berkas", "split the file"),
    "TOO_LARGE.input": ("masukan berukuran {size} bita; paling banyak {limit} bita yang dibaca", "the input is {size} bytes; at most {limit} are read"),
    "TOO_DEEP": ("nilai bersarang lebih dari {limit} tingkat", "values are nested more than {limit} levels deep"),
    "TOO_DEEP.hint": (
        "ratakan strukturnya; set aturan dan data penilaian tidak pernah memerlukan kedalaman ini",
        "flatten the structure; rulesets and assessments never need this depth",
    ),
    "YAML_ALIAS": ("anchor dan alias (&nama / *nama) tidak diperbolehkan", "anchors and aliases (&name / *name) are not allowed"),
    "YAML_ALIAS.hint": ("tulis nilainya lengkap di setiap tempat yang memerlukannya", "write the value out in full where it is needed"),
    "YAML_TAG": ("tag {tag} tidak diperbolehkan", "the tag {tag} is not allowed"),
    "YAML_TAG.hint": ("hapus tag itu", "remove the tag"),
    "YAML_TAG.scalar": ("tag {tag} tidak diperbolehkan: berkas hanya berisi data", "the tag {tag} is not allowed: files are data only"),
    "YAML_TAG.scalar.hint": ("hapus tag itu (mis. `!!python/...`) dan tulis nilai biasa", "remove the tag (e.g. `!!python/...`) and write a plain value"),
    "YAML_MERGE": ("kunci gabungan (<<) tidak diperbolehkan", "merge keys (<<) are not allowed"),
    "YAML_MERGE.hint": ("tulis kunci-kuncinya lengkap", "write the keys out in full"),
    "BAD_KEY.yaml": ("kunci harus berupa nama atau bilangan bulat", "a key must be a name or a whole number"),
    "BAD_KEY.yaml.hint": ("tulis kunci sebagai teks biasa, mis. `name:` atau `12:`", "write the key as plain text, e.g. `name:` or `12:`"),
    "DUPLICATE_KEY": (
        "kunci {key} muncul dua kali dalam pemetaan yang sama (pertama pada baris {line})",
        "the key {key} appears twice in the same mapping (first at line {line})",
    ),
    "DUPLICATE_KEY.hint": ("pertahankan salah satunya; YAML diam-diam hanya memakai yang terakhir", "keep one of them; YAML would silently use only the last"),
    "BAD_NUMBER.whole": ("{value} bukan bilangan bulat biasa", "{value} is not a plain whole number"),
    "BAD_NUMBER.whole.hint": ("tulis angka saja", "write digits only"),
    "BAD_NUMBER.finite": ("{value} bukan bilangan berhingga", "{value} is not a finite number"),
    "BAD_NUMBER.finite.hint": ("tulis bilangan seperti 2.75", "write a number such as 2.75"),
    "BAD_NUMBER.nan.hint": ("tulis hanya bilangan berhingga", "write finite numbers only"),
    "BAD_NUMBER.json": ("bilangan tidak dapat dibaca: {detail}", "a number cannot be read: {detail}"),
    "BAD_NUMBER.json.hint": ("tulis bilangan dengan lebih sedikit angka", "write the number with fewer digits"),
    "JSON_SYNTAX": ("teks JSON tidak sah: {detail}", "the JSON text is not valid: {detail}"),
    "JSON_SYNTAX.hint": ("periksa kurung, koma dan tanda kutip di dekat tempat ini", "check brackets, commas and quotes near this place"),
    "YAML_SYNTAX": ("teks YAML tidak sah: {detail}", "the YAML text is not valid: {detail}"),
    "YAML_SYNTAX.hint": (
        "periksa indentasi (spasi, bukan tab), titik dua setelah kunci dan pasangan tanda kutip",
        "check indentation (spaces, not tabs), colons after keys and matching quotes",
    ),
    "YAML_DOCUMENTS.empty": ("berkas kosong", "the file is empty"),
    "YAML_DOCUMENTS.empty.hint": (
        "tulis set aturan atau data penilaian di dalamnya; docs/formats.md menunjukkan susunannya",
        "write the ruleset or assessment in it; docs/formats.md shows the layout",
    ),
    "YAML_DOCUMENTS": ("berkas berisi {n} dokumen YAML", "the file holds {n} YAML documents"),
    "YAML_DOCUMENTS.hint": (
        "satu berkas berisi tepat satu dokumen; hapus pemisah `---` yang berlebih",
        "a file holds exactly one document; remove extra `---` separators",
    ),
    "NOT_FOUND": ("berkas tidak ada", "the file does not exist"),
    "NOT_FOUND.hint": ("periksa jalur dan ejaannya", "check the path and its spelling"),
    "NOT_A_FILE": ("ini folder, bukan berkas", "this is a folder, not a file"),
    "NOT_A_FILE.hint": ("sebutkan berkas .yaml atau .json", "name a .yaml or .json file"),
    "UNREADABLE": ("berkas tidak dapat dibaca: {reason}", "the file cannot be read: {reason}"),
    "ENCODING": ("berkas bukan teks UTF-8 (bita {byte})", "the file is not UTF-8 text (byte {byte})"),
    "ENCODING.hint": ("simpan berkas sebagai UTF-8", "save the file as UTF-8"),
    # --- _schema: JSON Schema errors in plain words --------------------------------------------
    "value.bool": ("{value}", "{value}"),
    "value.null": ("kosong (null)", "nothing (null)"),
    "value.number": ("bilangan {value}", "the number {value}"),
    "value.text": ("teks {value}", "the text {value}"),
    "value.list": ("sebuah daftar", "a list"),
    "value.mapping": ("sebuah pemetaan", "a mapping"),
    "value.other": ("{value}", "{value}"),
    "type.object": ("pemetaan (baris kunci: nilai)", "a mapping (key: value lines)"),
    "type.array": ("daftar (baris yang diawali '- ')", "a list (lines starting with '- ')"),
    "type.string": ("teks", "text"),
    "type.integer": ("bilangan bulat", "a whole number"),
    "type.number": ("bilangan", "a number"),
    "type.boolean": ("true atau false", "true or false"),
    "type.null": ("kosong", "empty"),
    "type.other": ("{name}", "{name}"),
    "or": ("{a} atau {b}", "{a} or {b}"),
    "field.level": ("tingkat kematangan indikator {n}", "the level of indicator {n}"),
    "field.criteria": ("kriteria tingkat {n}", "the criteria of level {n}"),
    "field.key": ("`{key}`", "`{key}`"),
    "field.value": ("nilai ini", "this value"),
    "UNKNOWN_KEY": ("kunci `{key}` tidak dikenal", "unknown key `{key}`"),
    "UNKNOWN_KEY.allowed": ("kunci yang boleh di sini: {allowed}", "allowed keys here: {allowed}"),
    "REQUIRED": ("`{key}` tidak ada", "`{key}` is missing"),
    "REQUIRED.hint": ("tambahkan `{key}:` di sini", "add `{key}:` here"),
    "TYPE": ("{what} harus {expected}, bukan {actual}", "{what} must be {expected}, not {actual}"),
    "TYPE.hint.integer_text": ("tulis bilangan bulat tanpa tanda kutip, mis. 3", "write a whole number without quotes, e.g. 3"),
    "TYPE.hint.integer_decimal": ("tingkat kematangan adalah bilangan bulat: tulis mis. 3", "levels are whole numbers: write e.g. 3"),
    "TYPE.hint.number_text": ("tulis bilangan seperti 2.75", "write a number such as 2.75"),
    "TYPE.number": ("{what} harus berupa bilangan, bukan {actual}", "{what} must be a number, not {actual}"),
    "TYPE.number.hint": ("tulis bilangan seperti 1.30", "write a number such as 1.30"),
    "NOT_ALLOWED": ("{what} tidak boleh {actual}", "{what} cannot be {actual}"),
    "NOT_ALLOWED.options": ("pakai salah satu dari: {options}", "use one of: {options}"),
    "PATTERN": ("{what} tidak dalam bentuk yang diharapkan: {actual}", "{what} is not in the expected form: {actual}"),
    "PATTERN.hint.keys": ("kunci berupa nomor indikator atau tingkat, mis. `12:`", "keys are indicator numbers or levels, e.g. `12:`"),
    "PATTERN.hint.id": ("pakai huruf kecil, angka dan tanda hubung, mis. permenpanrb-59-2020", "use lowercase letters, digits and dashes, e.g. permenpanrb-59-2020"),
    "PATTERN.hint.version": ("tulis tiga bilangan yang dipisah titik, mis. 1.0.0", "write three numbers separated by dots, e.g. 1.0.0"),
    "PATTERN.hint.document": ("pakai huruf kecil, angka dan garis bawah, mis. peta_rencana_spbe", "use lowercase letters, digits and underscores, e.g. peta_rencana_spbe"),
    "PATTERN.hint.other": ("lihat docs/formats.md untuk bentuk yang diharapkan", "see docs/formats.md for the expected form"),
    "BAD_KEY": ("kunci {key} tidak diperbolehkan di sini", "the key {key} is not allowed here"),
    "OUT_OF_RANGE": ("{what} bernilai {value}, di luar rentang yang diperbolehkan ({bound})", "{what} is {value}, outside the allowed range ({bound})"),
    "bound.minimum": ("paling kecil {bound}", "at least {bound}"),
    "bound.maximum": ("paling besar {bound}", "at most {bound}"),
    "bound.exclusiveMinimum": ("lebih dari {bound}", "more than {bound}"),
    "bound.exclusiveMaximum": ("kurang dari {bound}", "less than {bound}"),
    "EMPTY": ("{what} tidak boleh kosong", "{what} must not be empty"),
    "EMPTY.hint": ("tambahkan paling sedikit satu entri", "add at least one entry"),
    "EMPTY.text": ("{what} tidak boleh berupa teks kosong", "{what} must not be empty text"),
    "TOO_LONG": ("{what} lebih panjang dari {limit} karakter", "{what} is longer than {limit} characters"),
    "TOO_LONG.hint": ("perpendek", "shorten it"),
    "DUPLICATE": ("{what} mencantumkan nilai yang sama dua kali", "{what} lists the same value twice"),
    "DUPLICATE.hint": ("hapus nilai yang berulang", "remove the repeated value"),
    "NOT_FOR_KIND": ("`{key}` tidak termasuk dalam aturan berjenis `{kind}`", "`{key}` does not belong in a rule of kind `{kind}`"),
    "NOT_FOR_KIND.hint": (
        "aturan `cap` menyebut `targets`; aturan `requires` menyebut satu `indicator`",
        "a `cap` rule names `targets`; a `requires` rule names one `indicator`",
    ),
    "SCHEMA": ("{what}: {detail}", "{what}: {detail}"),
    # --- _cli.main: the command line itself -----------------------------------------------------
    "cli.description": (
        "Menilai evaluasi SPBE secara tepat menurut set aturan berversi (PermenPANRB 59/2020 dan lainnya).",
        "Evaluate SPBE assessments exactly under versioned rulesets (PermenPANRB 59/2020 and others).",
    ),
    "cli.command_metavar": ("PERINTAH", "COMMAND"),
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
        "berkas hasil: .csv, .jsonl atau .xlsx (ditulis utuh di akhir)",
        "results file: .csv, .jsonl or .xlsx (written whole at the end)",
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
        "tulis juga setiap masalah dari baris yang salah ke FILE (CSV: source,row,column,code,message,hint)",
        "also write every problem of the bad rows to FILE (CSV: source,row,column,code,message,hint)",
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
        "bawaan: dari akhiran nama berkas -o",
        "default: from the suffix of -o",
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
        "predikat (Baik, \"Sangat Baik\") atau indeks seperti 3.0 (indeks tepat >= 3.0)",
        "a predikat (Baik, \"Sangat Baik\") or an index such as 3.0 (exact index >= 3.0)",
    ),
    "opt.plan.target_display": (
        "bandingkan indeks yang ditampilkan (dibulatkan) dengan sasaran indeks, bukan indeks tepatnya",
        "compare the displayed (rounded) index with an index target instead of the exact one",
    ),
    "opt.plan.costs": (
        "berkas biaya dan batasan (lihat docs/planner.md); bawaan: setiap langkah tingkat dan dokumen berbiaya 1",
        "costs and limits file (see docs/planner.md); default: every level step and document costs 1",
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
        "berkas laporan (.html)",
        "the report file (.html)",
    ),
    "opt.report.target": (
        "gambar batang domain terhadap indeks ini (bawaan: batas bawah predikat berikutnya)",
        "draw the domain bars against this index (default: the lower bound of the next predikat)",
    ),
    "opt.report.no_plan": (
        "tanpa rencana menuju predikat berikutnya",
        "leave out the plan to the next predikat",
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
    "opt.template.output": ("berkas templat (.csv atau .xlsx)", "the template file (.csv or .xlsx)"),
    "opt.validate.files": ("berkas set aturan, penilaian atau kumpulan kasus", "ruleset, assessment or case-suite files"),
    "opt.show.ruleset": ("id set aturan yang terpasang, atau berkasnya", "an installed ruleset id, or its file"),
}
