"""Reading an installed ruleset's header (start-up, issue 10 item 6): the fast scan by regular
expression keeps exactly the lines the plain loop over every line keeps."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from spbe_rules._loading.registry import _HEADER_KEYS, header_text, installed_paths


def _by_loop(text: str) -> str:
    """The reference: a line not starting with a space, a tab, ``#`` or ``-`` starts a block."""
    kept: list[str] = []
    keep = False
    for line in text.splitlines():
        if line[:1] not in ("", " ", "\t", "#", "-"):
            keep = line.split(":", 1)[0].strip() in _HEADER_KEYS
        if keep:
            kept.append(line)
    return "\n".join(kept) + "\n"


_LINES = st.one_of(
    st.sampled_from([f"{k}: x" for k in _HEADER_KEYS] + ["domains:", "rules: []", "  - a", "- b", "# c", "\tt", "", " ", "id :", " id: y"]),
    st.text(alphabet=st.sampled_from(list("ab: -#\t\r\x0b\x85\u2028id")), max_size=8),
)


@given(st.lists(_LINES, max_size=30), st.sampled_from(["", "\n", "\n\n"]))
@settings(max_examples=400, deadline=None)
def test_header_text_keeps_what_the_loop_keeps(lines: list[str], end: str) -> None:
    text = "\n".join(lines) + end
    assert header_text(text) == _by_loop(text)


def test_header_text_on_installed_rulesets() -> None:
    for path in installed_paths().values():
        text = path.read_text(encoding="utf-8")
        assert header_text(text) == _by_loop(text)
        assert "\nid:" in "\n" + header_text(text)
