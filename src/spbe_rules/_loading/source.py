"""Reading YAML and JSON files as plain data, with the position of every value.

Only data comes out: mappings (``PosDict``), lists (``PosList``), text, whole
numbers (``int``), decimals (``Decimal``, read digit by digit, never a float),
booleans and null. Tags, anchors, aliases, merge keys and duplicate keys are
refused, and so are files that are too large or nested too deep.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from .._base.errors import Location, Problem, ValidationError
from .._base.messages import Msg
from .._base.text import printable
from .._base.files import MAX_BYTES, FileProblem, read_limited
from .._base.numbers import MAX_TEXT, number_problem, problem_of, text_problem

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "Mark",
    "PosDict",
    "PosList",
    "Source",
    "key_location",
    "locate",
    "parse_bytes",
    "parse_text",
    "read_source",
]

MAX_DEPTH = 32
MAX_NODES = 200_000

try:  # the C parser is much faster; the pure one behaves the same
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_T = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_T + "str", _T + "int", _T + "float", _T + "bool", _T + "null", _T + "timestamp"}


class Mark:
    __slots__ = ("line", "col", "file")

    def __init__(self, line: int, col: int, file: str | None = None) -> None:
        self.line = line  # 1-based
        self.col = col  # 1-based
        self.file = file  # each mark names its file: an extending ruleset mixes values of several files

    def __repr__(self) -> str:
        return f"Mark({self.line}, {self.col}, {self.file!r})"

    def location(self, json_path: str = "$") -> Location:
        return Location(self.file, self.line, self.col, json_path)


class PosDict(dict[str, Any]):
    """A mapping read from a file; ``marks[key]`` is where the value of ``key`` starts,
    ``key_marks[key]`` where the key itself is, ``mark`` where the mapping starts."""

    __slots__ = ("mark", "marks", "key_marks", "file")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mark: Mark | None = None
        self.marks: dict[str, Mark] = {}
        self.key_marks: dict[str, Mark] = {}
        self.file: str | None = None


class PosList(list[Any]):
    """A list read from a file; ``marks[i]`` is where item ``i`` starts."""

    __slots__ = ("mark", "marks", "file")

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.mark: Mark | None = None
        self.marks: list[Mark] = []
        self.file: str | None = None


class Source:
    """A parsed file: its name, its data and its raw bytes (for hashing)."""

    __slots__ = ("name", "data", "raw")

    def __init__(self, name: str, data: Any, raw: bytes) -> None:
        self.name = name
        self.data = data
        self.raw = raw


def _mark(node: yaml.Node, file: str | None = None) -> Mark:
    m = node.start_mark
    return Mark(m.line + 1, m.column + 1, file)


def _problem(key: str, name: str, mark: Mark | None, path: str = "$", /, **params: Any) -> Problem:
    return Problem.of(key, Location(name, mark.line if mark else None, mark.col if mark else None, path), **params)


class _Builder:
    def __init__(self, name: str) -> None:
        self.name = name
        self.seen: set[int] = set()
        self.count = 0
        self.problems: list[Problem] = []

    def fail(self, key: str, node: yaml.Node, path: str, /, **params: Any) -> None:
        self.problems.append(_problem(key, self.name, _mark(node, self.name), path, **params))

    def fail_number(self, got: tuple[str, Msg], node: yaml.Node, path: str) -> None:
        mark = _mark(node, self.name)
        self.problems.append(problem_of(got, Location(self.name, mark.line, mark.col, path)))

    def build(self, node: yaml.Node, depth: int, path: str) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise ValidationError(
                Msg("head.too_large"),
                [
                    _problem(
                        "TOO_LARGE.values",
                        self.name,
                        _mark(node, self.name),
                        path,
                        limit=MAX_NODES,
                    )
                ],
            )
        if depth > MAX_DEPTH:
            raise ValidationError(
                Msg("head.too_deep"),
                [
                    _problem(
                        "TOO_DEEP",
                        self.name,
                        _mark(node, self.name),
                        path,
                        limit=MAX_DEPTH,
                    )
                ],
            )
        if id(node) in self.seen or isinstance(node, _AliasNode):
            self.fail("YAML_ALIAS", node, path)
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _T + "seq":
                self.fail("YAML_TAG", node, path, tag=repr(node.tag))
                return None
            out = PosList()
            out.mark = _mark(node, self.name)
            out.file = self.name
            for i, item in enumerate(node.value):
                out.append(self.build(item, depth + 1, f"{path}[{i}]"))
                out.marks.append(_mark(item, self.name))
            return out
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, depth: int, path: str) -> PosDict | None:
        if node.tag != _T + "map":
            self.fail("YAML_TAG", node, path, tag=repr(node.tag))
            return None
        out = PosDict()
        out.mark = _mark(node, self.name)
        out.file = self.name
        for knode, vnode in node.value:
            if knode.tag == _T + "merge":
                self.fail("YAML_MERGE", knode, path)
                continue
            if not isinstance(knode, yaml.ScalarNode) or knode.tag not in (_T + "str", _T + "int"):
                self.fail("BAD_KEY.yaml", knode, path)
                continue
            key = knode.value if knode.tag == _T + "str" else str(self._int(knode, path))
            sub = _child_path(path, key)
            if key in out:
                first = out.key_marks[key]
                self.fail("DUPLICATE_KEY", knode, sub, key=repr(key), line=first.line)
                continue
            out[key] = self.build(vnode, depth + 1, sub)
            out.marks[key] = _mark(vnode, self.name)
            out.key_marks[key] = _mark(knode, self.name)
        return out

    def _int(self, node: yaml.ScalarNode, path: str) -> int:
        text = node.value.replace("_", "")
        sign = -1 if text.startswith("-") else 1
        text = text.lstrip("+-")
        if len(text) > MAX_TEXT:  # checked before int(): a long run of digits is never meant
            self.fail_number(("NUMBER_TOO_LARGE", Msg("NUMBER_TOO_LARGE.text", length=len(text), limit=MAX_TEXT)), node, path)
            return 0
        try:
            if text.startswith("0x"):
                value = sign * int(text[2:], 16)
            elif text.startswith("0o"):
                value = sign * int(text[2:], 8)
            elif text.startswith("0b"):
                value = sign * int(text[2:], 2)
            elif ":" in text:  # YAML 1.1 sexagesimal: refuse, it is never meant
                raise ValueError
            else:
                value = sign * int(text, 10)
        except ValueError:
            self.fail("BAD_NUMBER.whole", node, path, value=repr(node.value))
            return 0
        got = number_problem(value)
        if got is not None:
            self.fail_number(got, node, path)
            return 0
        return value

    def _scalar(self, node: yaml.ScalarNode, path: str) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self.fail("YAML_TAG.scalar", node, path, tag=repr(tag))
            return None
        value = node.value
        if tag == _T + "str":
            if _NUMBER_TEXT.match(value):  # a number written as text ("17.5", "31/11") is read exactly later
                got = text_problem(value)
                if got is not None:
                    self.fail_number(got, node, path)
                    return None
            return value
        if tag == _T + "int":
            return self._int(node, path)
        if tag == _T + "float":
            text = value.replace("_", "")
            if len(text) > MAX_TEXT:
                self.fail_number(("NUMBER_TOO_LARGE", Msg("NUMBER_TOO_LARGE.text", length=len(text), limit=MAX_TEXT)), node, path)
                return None
            try:
                d = Decimal(text)
            except InvalidOperation:
                d = Decimal("NaN")
            if not d.is_finite():
                self.fail("BAD_NUMBER.finite", node, path, value=repr(value))
                return None
            got = number_problem(d)
            if got is not None:
                self.fail_number(got, node, path)
                return None
            return d
        if tag == _T + "bool":
            return value.lower() in ("true", "yes", "on", "y")
        if tag == _T + "null":
            return None
        return value  # timestamp: keep the text as written (dates are read as text)


_NUMBER_TEXT = re.compile(r"\s*[+-]?(\d[\d_]*\.?\d*|\.\d+)([eE][+-]?\d+)?(/\d+)?\s*$")


def _child_path(path: str, key: str) -> str:
    if key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key)}]"


def parse_text(text: str, name: str, *, json_syntax: bool = False) -> Any:
    """Parse YAML (or JSON) text into position-carrying data; raise ValidationError on any problem."""
    if json_syntax:
        try:
            # a syntax check only: the values are read below, each with its place (numbers stay text here)
            json.loads(text, parse_float=str, parse_int=str, parse_constant=_refuse_constant)
        except RecursionError:
            raise ValidationError(Msg("head.too_deep"), [Problem.of("TOO_DEEP", Location(name, 1, 1), limit=MAX_DEPTH)]) from None
        except json.JSONDecodeError as exc:
            raise ValidationError(
                Msg("head.json"),
                [
                    Problem.of(
                        "JSON_SYNTAX",
                        Location(name, exc.lineno, exc.colno),
                        detail=exc.msg,
                    )
                ],
            ) from None
        except _NotFinite as exc:
            raise ValidationError(
                Msg("head.json"),
                [Problem.of("BAD_NUMBER.finite", _constant_location(text, name), hint=Msg("BAD_NUMBER.nan.hint"), value=exc.args[0])],
            ) from None
        except ValueError as exc:  # for example more digits than Python converts
            raise ValidationError(
                Msg("head.json"),
                [Problem.of("BAD_NUMBER.json", Location(name), detail=str(exc))],
            ) from None
    try:
        nodes = list(_compose_all(text))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "syntax error"
        raise ValidationError(
            Msg("head.yaml"),
            [
                Problem.of(
                    "YAML_SYNTAX",
                    Location(name, mark.line + 1 if mark else None, mark.column + 1 if mark else None),
                    detail=what,
                )
            ],
        ) from None
    except yaml.YAMLError as exc:
        where = Location(name)
        position = getattr(exc, "position", None)  # a ReaderError (NUL, control character) says where in the text
        if isinstance(position, int) and 0 <= position <= len(text):
            where = Location(name, text.count("\n", 0, position) + 1, position - (text.rfind("\n", 0, position) + 1) + 1)
        raise ValidationError(
            Msg("head.yaml"),
            [Problem.of("YAML_SYNTAX", where, detail=printable(str(exc))[:300])],
        ) from None
    if len(nodes) != 1:
        raise ValidationError(
            Msg("head.one_document"),
            [
                Problem.of(
                    "YAML_DOCUMENTS.empty" if not nodes else "YAML_DOCUMENTS",
                    # where the second document starts (the whole file when it is empty)
                    _mark(nodes[1], name).location() if len(nodes) > 1 else Location(name, 1, 1),
                    n=len(nodes),
                )
            ],
        )
    builder = _Builder(name)
    data = builder.build(nodes[0], 0, "$")
    if builder.problems:
        if any(p.code == "YAML_ALIAS" for p in builder.problems):
            # the fast composer gives an alias the node (and so the place) of its anchor:
            # read the text again, keeping each alias as its own node, to name the alias's place
            builder = _Builder(name)
            builder.build(_compose_one_marking_aliases(text), 0, "$")
        raise ValidationError(Msg("head.unreadable"), builder.problems)
    return data


class _NotFinite(ValueError):
    """NaN or Infinity in JSON text (the argument is the word as written)."""


def _refuse_constant(name: str) -> Any:
    raise _NotFinite(name)


_JSON_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


def _constant_location(text: str, name: str) -> Location:
    """Where the first NaN / Infinity outside a JSON string is."""
    for m in _JSON_CONSTANT.finditer(text):
        if m.group(1):
            start = m.start(1)
            return Location(name, text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1)
    return Location(name)


class _AliasNode(yaml.ScalarNode):
    """Where an alias (``*name``) is written."""


class _AliasMarkingLoader(yaml.SafeLoader):
    """The pure-Python composer, except that an alias becomes a node of its own, at its own place."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            super().compose_node(parent, index)  # consumes the event; refuses an undefined alias
            return _AliasNode("tag:yaml.org,2002:str", f"*{event.anchor}", event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


def _compose_one_marking_aliases(text: str) -> yaml.Node:
    loader = _AliasMarkingLoader(text)
    try:
        node = loader.get_single_node()
        assert node is not None
        return node
    finally:
        loader.dispose()


def _compose_all(text: str) -> Iterator[yaml.Node]:
    loader = _Loader(text)
    try:
        while loader.check_node():
            yield loader.get_node()
    finally:
        loader.dispose()


def read_source(
    path: str | os.PathLike[str], *, display_name: str | None = None, what: str | None = None, error: type[ValidationError] = ValidationError
) -> Source:
    """Read and parse a YAML or JSON file (by its suffix) with the size and depth limits.

    With ``what`` (``"assessment"``, ``"ruleset"``, ``"costs file"``, ``"case suite"``: the
    catalogue entry ``head.cannot_read.<what>``), a file that cannot be read raises ``error``
    ("assessment cannot be read") with the same problems.
    """
    try:
        return _read_source(Path(path), display_name or str(path))
    except ValidationError as exc:
        if what is None and error is ValidationError:
            raise
        head = Msg(f"head.cannot_read.{what.replace(' ', '_')}") if what else exc.head
        raise error(head, list(exc.problems)) from None


def _read_source(p: Path, name: str) -> Source:
    try:
        raw = read_limited(p, MAX_BYTES)
    except FileProblem as fp:
        raise ValidationError(Msg("head.unreadable"), [fp.problem(Location(name))]) from None
    return Source(name, parse_bytes(raw, name, json_syntax=p.suffix.lower() == ".json"), raw)


def parse_bytes(raw: bytes, name: str, *, json_syntax: bool = False) -> Any:
    if len(raw) > MAX_BYTES:
        raise ValidationError(Msg("head.too_large"), [Problem.of("TOO_LARGE.input", Location(name), size=len(raw), limit=MAX_BYTES)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(Msg("head.unreadable"), [Problem.of("ENCODING", Location(name), byte=exc.start)]) from None
    return parse_text(text, name, json_syntax=json_syntax)


def locate(root: Any, path: tuple[str | int, ...] | list[str | int], name: str | None = None) -> Location:
    """The location of the value at ``path`` (keys and indexes) under ``root``.

    When the path leads to a missing key, the place of the nearest mapping
    that exists is given (that is where the key must be added)."""
    node = root
    mark: Mark | None = getattr(root, "mark", None)
    json_path = "$"
    for step in path:
        if isinstance(node, dict) and isinstance(step, str) and step in node:
            if isinstance(node, PosDict):
                mark = node.marks.get(step, mark)
            node = node[step]
            json_path = _child_path(json_path, step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            if isinstance(node, PosList) and step < len(node.marks):
                mark = node.marks[step]
            node = node[step]
            json_path = f"{json_path}[{step}]"
        else:
            json_path = _child_path(json_path, step) if isinstance(step, str) else f"{json_path}[{step}]"
            break
    file = (mark.file if mark else None) or getattr(root, "file", None) or name
    return Location(file, mark.line if mark else None, mark.col if mark else None, json_path)


def key_location(mapping: Any, key: str) -> Location | None:
    """Where ``key`` itself is written in ``mapping`` (for unknown-key errors)."""
    if isinstance(mapping, PosDict) and key in mapping.key_marks:
        m = mapping.key_marks[key]
        return Location(m.file or mapping.file, m.line, m.col)
    return None
