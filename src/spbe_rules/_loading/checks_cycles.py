"""Cycle checks of a ruleset: documents inferred from themselves, rules that cap what they read."""

from __future__ import annotations

from typing import Any

from .._base.messages import Msg, Seq
from .._model.conditions import walk_raw
from .source import locate
from .check_context import _Ctx, _doc_refs


def _document_cycles(ctx: _Ctx) -> None:
    """A document inferred (through implied_by) from itself, directly or through other documents."""
    docs = list(ctx.data.get("documents", []) or [])
    index = {d["key"]: i for i, d in enumerate(docs)}
    succ = {d["key"]: [k for k in dict.fromkeys(_doc_refs(d.get("implied_by"))) if k in index] for d in docs}
    for group in _cyclic_groups(list(index), succ):
        first = min(group, key=index.__getitem__)
        cycle = _cycle_through(first, set(group), succ)
        chain = " -> ".join(f"`{k}`" for k in [*cycle, first])
        ctx.problem("DOCUMENT_CYCLE", ["documents", index[first], "implied_by"], chain=chain)


def _cyclic_groups(nodes: list[str], succ: dict[str, list[str]]) -> list[list[str]]:
    """The groups of nodes caught in cycles together (strongly connected, Tarjan), ordered by
    their first node in ``nodes``; the result does not depend on the order of ``nodes``."""
    index = {n: i for i, n in enumerate(nodes)}
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(a: str) -> None:
        order[a] = low[a] = len(order)
        stack.append(a)
        on_stack.add(a)
        for b in succ[a]:
            if b not in order:
                connect(b)
                low[a] = min(low[a], low[b])
            elif b in on_stack:
                low[a] = min(low[a], order[b])
        if low[a] == order[a]:
            group = []
            while True:
                b = stack.pop()
                on_stack.discard(b)
                group.append(b)
                if b == a:
                    break
            groups.append(group)

    for a in nodes:
        if a not in order:
            connect(a)
    cyclic = [g for g in groups if len(g) > 1 or g[0] in succ[g[0]]]
    return sorted(cyclic, key=lambda g: min(index[n] for n in g))


def _cycle_through(first: str, members: set[str], succ: dict[str, list[str]]) -> list[str]:
    """A shortest cycle from ``first`` back to itself inside ``members``: each node leads to the next, the last to ``first``."""
    back: dict[str, str] = {}
    frontier = [first]
    while first not in back and frontier:
        nxt_frontier = []
        for a in frontier:
            for b in succ[a]:
                if b in members and b not in back:
                    back[b] = a
                    nxt_frontier.append(b)
        frontier = nxt_frontier
    between: list[str] = []
    cur = back.get(first, first)
    while cur != first:
        between.append(cur)
        cur = back[cur]
    return [first, *reversed(between)]


def _deps(cond: Any, documents: dict[str, Any], via: str | None = None) -> dict[int, str | None]:
    """Indicators a condition (file form) reads, each with the document it is read through (None: directly)."""
    out: dict[int, str | None] = {}
    for _, node in walk_raw(cond):
        if "indicator" in node:
            out.setdefault(node["indicator"], via)
        elif "document" in node:
            doc = documents.get(node["document"])
            if doc and "implied_by" in doc:
                for n, v in _deps(doc["implied_by"], documents, via or node["document"]).items():
                    out.setdefault(n, v)
    return out


def _cycles(ctx: _Ctx, targets: dict[str, list[int]]) -> None:
    """Rules whose caps reach their own conditions: one problem per group of rules caught in
    cycles together (a strongly connected group), at the group's first rule in the file,
    so the problems found do not depend on the order of the rules."""
    data = ctx.data
    documents = {d["key"]: d for d in data.get("documents", []) or []}
    rules = list(data.get("rules", []) or [])
    ids = [r["id"] for r in rules]
    index = {rid: i for i, rid in enumerate(ids)}
    reads = {r["id"]: _deps(r["unless"], documents) for r in rules}
    capped = {rid: set(targets.get(rid, [])) for rid in ids}
    # rule a -> rule b when a caps an indicator b's condition reads
    succ = {a: [b for b in ids if capped[a] & reads[b].keys()] for a in ids}

    for group in _cyclic_groups(ids, succ):
        first = min(group, key=index.__getitem__)
        cycle = _cycle_through(first, set(group), succ)  # each rule caps what the next one reads; the last, what the first reads
        caps = [min(capped[a] & reads[cycle[(k + 1) % len(cycle)]].keys()) for k, a in enumerate(cycle)]
        steps: list[object] = []
        for k, a in enumerate(cycle):
            read = caps[k - 1]
            via = reads[a][read]
            if via:
                steps.append(Msg("RULE_CYCLE.step_via", rule=a, read=read, document=via, capped=caps[k]))
            else:
                steps.append(Msg("RULE_CYCLE.step", rule=a, read=read, capped=caps[k]))
        where: list[str | int] = ["rules", index[first], "unless"]
        if locate(data, where, ctx.name).file != locate(data, where[:2], ctx.name).file:
            where = where[:2]  # a ruleset that extends another changed this rule but not its condition: point at the change
        ctx.problem("RULE_CYCLE", where, steps=Seq(steps, "; "))
