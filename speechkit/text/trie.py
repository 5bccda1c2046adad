"""One regex for many literal forms, shaped as their prefix trie (longest form first)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable


def trie_pattern(forms: Iterable[str], first: Callable[[str], str] | None = None) -> str:
    """A regex alternation matching any of ``forms``, the longest one at a position.

    re tries alternatives in order and stops at the first that matches; in a trie the
    branches of a node start with different characters, so at most one can go on, and a node
    that ends a form makes the rest optional (greedy, so the longer is tried first):
    两(?:个(?:确立|维护)|会). Written this way, re also tries one branch per first character
    instead of every form in turn. ``first(ch)``, if given, writes the regex for a form's first
    character (to add a look-behind guard, say); it must match ``ch`` alone.
    """
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}  # a form ends here

    def alternation(node: dict, top: bool) -> str:
        branches = []
        for ch in sorted(c for c in node if c):
            head = first(ch) if top and first else re.escape(ch)
            child = node[ch]
            rest = alternation(child, False) if len(child) > ("" in child) else ""
            if rest:
                several = sum(1 for c in child if c) > 1
                group = f"(?:{rest})" if several or "" in child else rest
                head += group + ("?" if "" in child else "")
            branches.append(head)
        return "|".join(branches)

    return alternation(trie, True) or "(?!)"
