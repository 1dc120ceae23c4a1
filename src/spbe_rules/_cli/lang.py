"""The language of the command line: ``--lang`` on every command, else ``SPBE_RULES_LANG``.

The language is read from the arguments before the parser is built, because the help
texts themselves are in that language; argparse's own words (``usage:``, ``options``,
its error messages) come from the catalogue too, through the ``gettext`` hooks argparse
calls (``argparse._`` and ``argparse.ngettext``), replaced only while a command runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from .._base.errors import ENV_LANG, current_lang, tr, use_lang
from .._base.messages import CATALOGUE, Lang

__all__ = ["ARGPARSE_KEYS", "argparse_words", "lang_option", "lang_from_args"]

# argparse's message ids (Python 3.11-3.13) -> catalogue keys
ARGPARSE_KEYS: dict[str, str] = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positional",
    "options": "argparse.options",
    "show this help message and exit": "argparse.help",
    "show program's version number and exit": "argparse.version",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.choice",
    "invalid %(type)s value: %(value)r": "argparse.type",
    "expected one argument": "argparse.one",
    "expected at most one argument": "argparse.at_most_one",
    "expected at least one argument": "argparse.at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "not allowed with argument %s": "argparse.not_with",
    "one of the arguments %s is required": "argparse.one_of",
    "ignored explicit argument %r": "argparse.ignored",
    "unexpected option string: %s": "argparse.unexpected",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "argparse.parser",
    "can't open '%(filename)s': %(error)s": "argparse.open",
    "expected %s argument": "argparse.expected",
    "expected %s arguments": "argparse.expected.many",
}


def lang_from_args(argv: Sequence[str]) -> Lang:
    """The language asked for by the last ``--lang X`` / ``--lang=X`` (before a ``--``), else
    ``SPBE_RULES_LANG``, else ``id``; an unknown value raises ``LanguageError``."""
    chosen: str | None = None
    args = list(argv)
    for i, a in enumerate(args):
        if a == "--":
            break
        if a == "--lang" and i + 1 < len(args):
            chosen = args[i + 1]
        elif a.startswith("--lang="):
            chosen = a.split("=", 1)[1]
    if chosen is None:
        return current_lang()
    with use_lang(chosen, "--lang") as lang:
        return lang


def lang_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--lang`` to a (sub)command; its default is the language already chosen."""
    parser.add_argument(
        "--lang",
        choices=("id", "en"),
        default=current_lang(),
        help=tr("cli.lang", env=ENV_LANG),
    )


def _gettext(message: str) -> str:
    key = ARGPARSE_KEYS.get(message)
    return CATALOGUE[key][0 if current_lang() == "id" else 1] if key else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


@contextmanager
def argparse_words(lang: Lang) -> Iterator[None]:
    """argparse's own words in ``lang`` inside the block."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        with use_lang(lang):
            yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
