"""The screen only skips rule groups that could not have fired: same answers with and without it."""

from __future__ import annotations

import csv
import itertools
from re import _constants as sre  # the regex parser's own names, to walk the rules' patterns
from re import _parser as sre_parse
from typing import Any

import pytest

from chronicler.domain.warden import normalize
from chronicler.domain.warden._rules import GROUPS, KeywordRule, RuleGroup
from chronicler.domain.warden._screen import Screen
from tests.domain.warden.examples import ORDINARY, SPAM
from tests.domain.warden.helpers import shared_data

SCREEN = Screen(GROUPS)


def assert_screen_keeps_every_firing_group(texts: list[str]) -> None:
    """Every group with a pattern that fires on a text must be among the screen's groups for it."""
    for text in texts:
        normalized = normalize(text)
        kept = SCREEN.groups(normalized)
        for group in GROUPS:
            fired = [rule.pattern.pattern[:60] for rule in group.patterns if rule.search(normalized)]
            assert not fired or group in kept, f"screen skipped {group.rule} for {text!r}: {fired}"


def test_the_screen_keeps_every_group_that_fires_on_the_test_examples() -> None:
    texts = [text for examples in SPAM.values() for text in examples] + ORDINARY
    assert_screen_keeps_every_firing_group(texts)


@pytest.mark.parametrize(
    "text",
    [
        "take a look at this video on youtube",
        "listen to this track on soundcloud",
        "mi canal",
        "address 0x52908400098527886E0F7030069857D2E4169EE7",
        "only fans",
        "channel art for you, dm me",
        "f0ll0w 4 f0ll0w",
        "d1sc0rd # 1234",
    ],
)
def test_the_screen_keeps_groups_for_rarer_wordings(text: str) -> None:
    assert_screen_keeps_every_firing_group([text])


def test_plain_chat_passes_the_screen_without_any_group() -> None:
    for text in ("LULW", "OMEGALUL", "that was insane", "KEKW KEKW KEKW", "Pepega Clap"):
        assert SCREEN.groups(normalize(text)) == []


@pytest.mark.shared_data
def test_the_screen_keeps_every_group_that_fires_on_real_text() -> None:
    data = shared_data()
    texts: list[str] = []
    for path in sorted((data / "spam").glob("Youtube0*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            texts.extend(row["CONTENT"] for row in csv.DictReader(handle))
    with (data / "chat" / "admiralbulldog_2019-04-30.csv").open(encoding="utf-8", newline="") as handle:
        texts.extend(row["message"] for row in itertools.islice(csv.DictReader(handle), 3000))
    assert_screen_keeps_every_firing_group(texts)


# Walking a pattern: texts covering every alternative a rule's pattern allows ---------------------------

_CATEGORY_SAMPLE = {
    sre.CATEGORY_SPACE: " ",
    sre.CATEGORY_NOT_SPACE: "a",
    sre.CATEGORY_WORD: "a",
    sre.CATEGORY_NOT_WORD: " ",
    sre.CATEGORY_DIGIT: "1",
    sre.CATEGORY_NOT_DIGIT: "a",
}


def _sequence(items: Any) -> list[str]:
    """A default text for a parsed sequence, then one text per choice made differently at one place."""
    parts = [_element(op, arg) for op, arg in items]
    defaults = [part[0] for part in parts]
    texts = ["".join(defaults)]
    for k, part in enumerate(parts):
        for choice in part[1:]:
            texts.append("".join(defaults[:k]) + choice + "".join(defaults[k + 1 :]))
    return texts


def _element(op: Any, arg: Any) -> list[str]:
    """The texts one parsed element can stand for, its default first."""
    if op is sre.LITERAL:
        return [chr(arg)]
    if op is sre.CATEGORY:
        return [_CATEGORY_SAMPLE.get(arg, "a")]
    if op is sre.IN:
        if arg and arg[0][0] is sre.NEGATE:
            return [" "]
        samples = []
        for kind, value in arg:
            if kind is sre.LITERAL:
                samples.append(chr(value))
            elif kind is sre.RANGE:
                samples.append(chr(value[0]))
            else:
                samples.append(_CATEGORY_SAMPLE.get(value, "a"))
        return samples
    if op is sre.BRANCH:
        return [text for alternative in arg[1] for text in _sequence(alternative)]
    if op is sre.SUBPATTERN:
        return _sequence(arg[3])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        least, _, body = arg
        texts = _sequence(body)
        return [""] + texts if least == 0 else [text * least for text in texts]
    if op in (sre.NOT_LITERAL, sre.ANY):
        return ["x"]
    return [""]  # anchors and lookarounds: a text that breaks one simply does not fire


def texts_that_fire(rule: KeywordRule) -> list[str]:
    """Texts covering every alternative of the rule's pattern and of its context, that make it fire."""
    patterns = _sequence(sre_parse.parse(rule.pattern.pattern))
    contexts = _sequence(sre_parse.parse(rule.context.pattern)) if rule.context else [""]
    candidates = [f"{text} {contexts[0]}" for text in patterns] + [f"{patterns[0]} {c}" for c in contexts]
    return [text.strip() for text in candidates if rule.search(text.strip())]


@pytest.mark.parametrize("group", GROUPS, ids=lambda group: group.rule)
def test_the_screen_keeps_a_group_for_every_wording_its_patterns_allow(group: RuleGroup) -> None:
    fired = [text for rule in group.patterns for text in texts_that_fire(rule)]
    assert len(fired) >= len(group.patterns)
    missed = [text for text in fired if group not in SCREEN.groups(text)]
    assert not missed, f"{group.rule}: the screen's stems miss {missed[:5]}"
