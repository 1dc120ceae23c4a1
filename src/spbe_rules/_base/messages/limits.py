"""Message catalogue, part: Limits on hostile input (issue 11): number sizes, files that are not
regular files, paths, output targets, capped error output.

Key -> (Bahasa Indonesia, English); see ``spbe_rules._base.messages``."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    # --- _base.numbers: the one size check before every exact conversion ----------------------
    "NUMBER_TOO_LARGE.digits": ("bilangan itu memiliki {digits} angka (paling banyak {limit})", "the number has {digits} digits (at most {limit})"),
    "NUMBER_TOO_LARGE.order": (
        "bilangan itu berorde 10^{order}, jauh di luar makna bidang mana pun",
        "the number is of the order of 10^{order}, far outside what any field can mean",
    ),
    "NUMBER_TOO_LARGE.text": (
        "bilangan itu ditulis dengan {length} karakter (paling banyak {limit})",
        "the number is written with {length} characters (at most {limit})",
    ),
    "NUMBER_TOO_LARGE.whole": ("bilangan bulat itu lebih dari {limit} angka", "the whole number has more than {limit} digits"),
    "NUMBER_TOO_LARGE.fraction": (
        "pecahan itu memiliki lebih dari {limit} angka di atas atau di bawah garis",
        "the fraction has more than {limit} digits above or below the line",
    ),
    "NUMBER_TOO_LARGE.hint": (
        "tulis bilangan biasa seperti 2.75 atau 25 (paling banyak 40 angka)",
        "write a plain number such as 2.75 or 25 (at most 40 digits)",
    ),
    "NUMBER_TOO_LARGE.field": ("{what}: {why}", "{what}: {why}"),
    "BAD_NUMBER.infinite": ("{value} bukan bilangan berhingga", "{value} is not a finite number"),
    "BAD_NUMBER.infinite.hint": ("tulis bilangan berhingga seperti 2.75", "write a finite number such as 2.75"),
    "TYPE.exact": ("{value} bukan bilangan tepat", "{value} is not an exact number"),
    "TYPE.exact.hint": (
        "tulis bilangan bulat atau desimal seperti 2.75 (bilangan titik mengambang ditolak)",
        "write an integer or a decimal such as 2.75 (a float is refused)",
    ),
    "NOT_A_NUMBER.exact": ("{value} bukan bilangan", "{value} is not a number"),
    "NOT_A_NUMBER.exact.hint": ("tulis bilangan seperti 2.75 atau 31/11", "write a number such as 2.75 or 31/11"),
    # --- _base.files: regular files only, read with a limit ----------------------------------
    "NOT_A_FILE.kind": ("ini {kind}, bukan berkas biasa", "this is {kind}, not a regular file"),
    "NOT_A_FILE.kind.hint": ("hanya berkas biasa yang dibaca; salin datanya ke sebuah berkas", "only regular files are read; copy the data into a file"),
    "file.kind.folder": ("folder", "a folder"),
    "file.kind.fifo": ("FIFO (pipa bernama)", "a FIFO (named pipe)"),
    "file.kind.device": ("perangkat", "a device"),
    "file.kind.socket": ("soket", "a socket"),
    "file.kind.other": ("bukan berkas biasa", "not a regular file"),
    "PATH_TOO_LONG": (
        "jalur itu {length} karakter (satu bagiannya paling banyak {limit})",
        "the path is {length} characters long (a part of it may have at most {limit})",
    ),
    "PATH_TOO_LONG.hint": ("sebutkan berkas yang ada dengan jalur yang lebih pendek", "name an existing file with a shorter path"),
    "PATH_TOO_LONG.nul": ("jalur itu memuat karakter NUL", "the path holds a NUL character"),
    "TOO_LARGE.read": ("berkas lebih besar dari {limit} bita, batas yang dibaca", "the file is larger than {limit} bytes, the most that is read"),
    "TOO_LARGE.read.hint": ("pecah berkas", "split the file"),
    "ruleset.bad_path": (
        "{ref} bukan jalur berkas set aturan (.yaml, .yml atau .json)",
        "{ref} is not the path of a ruleset file (.yaml, .yml or .json)",
    ),
    "ruleset.bad_ref": (
        "{ref}: {why}; set aturan disebut dengan id-nya atau jalur berkas .yaml",
        "{ref}: {why}; a ruleset is named by its id or the path of a .yaml file",
    ),
    "EXTENDS_UNKNOWN.path": ("`extends`: {why}", "`extends`: {why}"),
    "EXTENDS_UNKNOWN.path.hint": ("sebutkan id set aturan yang terpasang atau berkas .yaml", "name an installed ruleset id or a .yaml file"),
    # --- _io.workbook: bounded workbook reading ----------------------------------------------
    "head.workbook": ("buku kerja tidak dapat dibaca", "workbook cannot be read"),
    "head.row": ("baris tidak dapat dibaca", "row cannot be read"),
    "TOO_LARGE.parts": ("buku kerja berisi {n} bagian (paling banyak {limit})", "the workbook has {n} parts (at most {limit})"),
    "TOO_LARGE.parts.hint": ("simpan ulang sebagai buku kerja Excel biasa", "save it again as a plain Excel workbook"),
    "TOO_LARGE.part": (
        "bagian {part} terurai menjadi {size} bita ({total} sejauh ini); paling banyak {limit} per bagian dan {all} seluruhnya yang dibaca",
        "the part {part} unpacks to {size} bytes ({total} in all so far); at most {limit} per part and {all} in all are read",
    ),
    "TOO_LARGE.part.hint": (
        "sekumpulan penilaian jauh lebih kecil: pecah buku kerja, atau simpan ulang (mungkin bom zip)",
        "a batch of assessments is far smaller: split the workbook, or save it again (it may be a zip bomb)",
    ),
    "TOO_LARGE.rows": ("lembar berisi lebih dari {limit} baris", "the sheet has more than {limit} rows"),
    "TOO_LARGE.rows.hint": ("pecah buku kerja", "split the workbook"),
    "TOO_LARGE.cells": ("baris berisi {n} sel (paling banyak {limit})", "the row has {n} cells (at most {limit})"),
    "TOO_LARGE.cells.hint": ("hapus sel yang berlebih", "remove the extra cells"),
    "TOO_LARGE.cell": ("sel berisi {n} karakter (paling banyak {limit})", "the cell holds {n} characters (at most {limit})"),
    "TOO_LARGE.cell.hint": ("persingkat isi sel", "shorten the cell"),
    "BAD_XLSX.entities": (
        "bagian {part} mendeklarasikan tipe dokumen atau entitas, yang tidak pernah dilakukan spreadsheet",
        "the part {part} declares a document type or entities, which no spreadsheet does",
    ),
    "BAD_XLSX.hint": ("simpan ulang sebagai buku kerja Excel (.xlsx)", "save it again as an Excel workbook (.xlsx)"),
    "BAD_XLSX.zip": ("bukan buku kerja .xlsx yang dapat dibaca ({detail})", "not a readable .xlsx workbook ({detail})"),
    "BAD_XLSX.sheet": ("lembar tidak dapat dibaca mulai dari sini ({detail})", "the sheet cannot be read from here on ({detail})"),
    "BAD_XLSX.sheet.hint": ("simpan ulang buku kerja; baris di atasnya sudah dibaca", "save the workbook again; the rows above were read"),
    "BAD_XLSX.shared": (
        "sel merujuk teks bersama {index} yang tidak ada di buku kerja",
        "the cell refers to shared text {index} that the workbook does not have",
    ),
    "BAD_XLSX.shared.hint": ("ketik ulang sel itu dan simpan buku kerja", "type the cell again and save the workbook"),
    # --- the command line: -o and error output ------------------------------------------------
    "head.bad_argument": ("argumen salah", "bad argument"),
    "opt.batch.raw_text": (
        "tulis teks apa adanya di keluaran CSV dan --errors: sel yang diawali = + - @ tidak diberi apostrof pengaman "
        "(di .xlsx teks selalu ditulis sebagai teks, bukan rumus)",
        "write text cells as they are in CSV and --errors output: cells starting with = + - @ get no protective apostrophe "
        "(in .xlsx text is always written as text, never as a formula)",
    ),
    "cli.output_not_regular": (
        "{path}: {kind}; {what} ditulis ke berkas biasa (atau berikan `-o -` untuk keluaran standar)",
        "{path}: is {kind}; the {what} is written to a regular file (or give `-o -` for standard output)",
    ),
    "cli.output_is_input": (
        "{path}: adalah masukan {name}; menulis {what} ke sana akan menghapusnya (sebutkan berkas lain)",
        "{path}: is the input {name}; writing the {what} there would destroy it (name another file)",
    ),
    "cli.output_path_too_long": ("{path}...: jalur {what} terlalu panjang", "{path}...: the {what} path is too long"),
    "cli.output_unusable": ("{path}: berkas {what} tidak dapat dipakai: {reason}", "{path}: the {what} file cannot be used: {reason}"),
    "cli.more_problems": (
        "... dan {n} masalah lain tidak ditampilkan (perbaiki yang ini dulu, atau jalankan `spbe-rules validate`)",
        "... and {n} more problems not shown (fix these first, or run `spbe-rules validate`)",
    ),
    "cli.more_lines": ("... dan {n} baris lain tidak ditampilkan", "... and {n} more lines not shown"),
    "cli.more_chars": ("... ({n} karakter lagi)", "... ({n} more characters)"),
}
