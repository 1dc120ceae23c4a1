"""Message catalogue, part: paths named inside data (issue 11, finding 2): where a file named
inside another file may be, and how to allow more.

Key -> (Bahasa Indonesia, English); see ``spbe_rules._base.messages``."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    # --- _base.files.confined: the one rule for paths written inside a file -------------------
    "PATH_OUTSIDE": (
        "`{path}` mengarah ke {real}, di luar folder {folder} tempat berkas yang menyebutnya",
        "`{path}` leads to {real}, outside the folder {folder} of the file that names it",
    ),
    "PATH_OUTSIDE.hint": (
        "jalur di dalam berkas hanya boleh menuju folder berkas itu atau subfoldernya: salin berkasnya ke sana, "
        "sebutkan id set aturan yang terpasang, berikan berkasnya langsung (mis. --ruleset JALUR), "
        "atau izinkan foldernya dengan --allow-dir FOLDER (Python: allow_dirs=[FOLDER])",
        "a path inside a file may only lead into that file's folder or below it: copy the file there, "
        "name an installed ruleset id, give the file directly (e.g. --ruleset PATH), "
        "or allow its folder with --allow-dir FOLDER (Python: allow_dirs=[FOLDER])",
    ),
    "PATTERN.hint.extends": (
        "tulis id set aturan atau nama berkas di folder yang sama tanpa nama folder, mis. pedoman-3-2024 atau dasar.yaml",
        "write a ruleset id or the name of a file in the same folder without a folder name, e.g. pedoman-3-2024 or base.yaml",
    ),
    "ALLOW_DIR": ("--allow-dir {path}: {why}", "--allow-dir {path}: {why}"),
    "ALLOW_DIR.hint": ("sebutkan folder yang ada", "name an existing folder"),
    "ALLOW_DIR.not_folder": ("bukan folder yang ada", "not an existing folder"),
    "head.allow_dir": ("folder yang diizinkan tidak dapat dipakai", "allowed folder cannot be used"),
    "head.named_path": ("berkas yang disebut di dalam {name} tidak boleh dibaca", "a file named inside {name} may not be read"),
    "RULESET_ID": (
        "{ref} bukan id set aturan; di sini set aturan disebut dengan id-nya saja (berkas tidak dibuka)",
        "{ref} is not a ruleset id; here a ruleset is named by its id only (no file is opened)",
    ),
    "RULESET_ID.hint": (
        "tulis id set aturan yang terpasang (daftarnya: spbe-rules rulesets), mis. pedoman-3-2024",
        "write an installed ruleset id (list: spbe-rules rulesets), e.g. pedoman-3-2024",
    ),
    "opt.allow_dir": (
        "izinkan jalur yang disebut di dalam berkas (`extends:`, kolom `ruleset`, `ruleset:` dalam suite) menuju FOLDER ini juga "
        "(boleh diulang; tanpa ini hanya folder berkas itu sendiri dan set aturan terpasang)",
        "let paths named inside files (`extends:`, a `ruleset` column, a suite's `ruleset:`) also lead into FOLDER "
        "(repeatable; without it only the file's own folder and the installed rulesets)",
    ),
    # --- the issue-11 re-run: a results record built in code (batch_report_html) -------------
    "TYPE.results_index": (
        "index_exact {value} bukan bilangan tepat (mis. 2.31 atau 231/100)",
        "index_exact {value} is not an exact number (e.g. 2.31 or 231/100)",
    ),
}
