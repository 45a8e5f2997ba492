"""The fast pre-check: one pass over a message finds which rule groups could possibly fire."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import TypeAlias

from chronicler.domain.warden._rules import RuleGroup

# Digits and symbols spammers put in place of letters, as in the rules' leet() patterns.
_SWAPS = {"a": "a4@", "e": "e3", "i": "i1!|", "o": "o0", "s": "s5$", "l": "l1|", "t": "t7"}

# A trie of characters: each key leads to the node after it; the key "" marks the end of a word.
_Trie: TypeAlias = dict[str, "_Trie"]


class Screen:
    """Maps the stems present in a text to the rule groups that need them."""

    def __init__(self, groups: Iterable[RuleGroup]) -> None:
        """Index the stems of `groups`.

        A stem is looked for at the start of a word, since the rules' patterns start their words
        there too; "*usd" is looked for anywhere ("100usd"), as is a stem starting with a symbol.
        "~fol" also stands for its letter-swapped spellings ("f0l", "fo1").
        """
        self._groups: dict[str, list[RuleGroup]] = {}
        groups = tuple(groups)
        self._order = {id(group): index for index, group in enumerate(groups)}
        anywhere: set[str] = set()
        for group in groups:
            for stem in group.stems:
                if stem.startswith("*"):
                    stem = stem[1:]
                    anywhere.add(stem)
                spellings = _variants(stem[1:]) if stem.startswith("~") else [stem]
                for spelling in spellings:
                    self._groups.setdefault(spelling, []).append(group)
                    if not spelling[0].isalnum():
                        anywhere.add(spelling)
        # The trie below stops at the shortest stem ("add" in "address"), so a stem also answers
        # for the groups of every longer stem it begins.
        for short in self._groups:
            for long, groups in list(self._groups.items()):
                if long != short and long.startswith(short):
                    self._groups[short] = _union(self._groups[short], groups)
        at_word_start = [stem for stem in self._groups if stem not in anywhere]
        branches = [r"\b" + _trie_pattern(at_word_start)] if at_word_start else []
        branches += [_trie_pattern(anywhere)] if anywhere else []
        trie = "|".join(branches) or "(?!)"
        self._any = re.compile(trie)
        # A lookahead finds stems at every position, overlapping ones included; slower, so it only
        # runs once the plain search has found something.
        self._every = re.compile("(?=(" + trie + "))")

    def groups(self, text: str) -> list[RuleGroup]:
        """The groups whose stems occur in `text`; empty for the bulk of ordinary chat."""
        if self._any.search(text) is None:
            return []
        found = set(self._every.findall(text))
        groups: list[RuleGroup] = []
        for stem in found:
            groups = _union(groups, self._groups[stem])
        # In the rules' own order, whatever order the set of stems came in (it changes between runs).
        return sorted(groups, key=lambda group: self._order[id(group)])


def _union(first: list[RuleGroup], second: list[RuleGroup]) -> list[RuleGroup]:
    """`first` plus the groups of `second` it does not hold yet, order kept."""
    return first + [group for group in second if all(group is not seen for seen in first)]


def _variants(stem: str) -> list[str]:
    """Every spelling of `stem` with the usual letter swaps."""
    return ["".join(chars) for chars in itertools.product(*(_SWAPS.get(ch, ch) for ch in stem))]


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of `words`, shaped as a trie so each position tries one branch per letter."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: _Trie) -> str:
        """The regex for the words below `node`."""
        if "" in node:
            return ""  # a shorter stem already matches here; longer ones add nothing
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return render(trie)
