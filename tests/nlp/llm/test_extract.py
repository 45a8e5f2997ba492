"""Pulling the answer out of what models send."""

from __future__ import annotations

import pytest

from chronicler.nlp.llm._extract import find_json_object, looks_like_refusal, strip_think


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<think>hmm</think>answer", "answer"),
        ("<THINK>a</THINK> one <think>b</think> two", "one  two"),
        ("reasoning without an opening tag</think>\nanswer", "answer"),
        ("answer<think>cut off by the token limit", "answer"),
        ("<thinking>x</thinking>y", "y"),
        ("no tags", "no tags"),
    ],
)
def test_strip_think(raw: str, expected: str) -> None:
    assert strip_think(raw) == expected


def test_first_object_in_chatter() -> None:
    assert find_json_object('Sure: {"a": 1} and also {"b": 2}') == {"a": 1}


def test_last_object_when_asked() -> None:
    assert find_json_object('maybe {"a": 1}... no, final: {"b": 2}', last=True) == {"b": 2}


def test_fence_wins_over_loose_objects() -> None:
    text = 'Like {"x": 0} but:\n```json\n{"a": {"nested": [1, 2]}}\n```'

    assert find_json_object(text) == {"a": {"nested": [1, 2]}}


def test_broken_braces_are_skipped() -> None:
    assert find_json_object('{not json} {"ok": true}') == {"ok": True}


@pytest.mark.parametrize("text", ["no json here", "[1, 2]", "{broken", ""])
def test_nothing_found(text: str) -> None:
    assert find_json_object(text) is None


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("I'm sorry, but I can't help with that.", True),
        ("I cannot assist with this request.", True),
        ("Sorry, I won't do that.", True),
        ("As an AI, I must decline.", True),
        ("The flags from today are listed.", False),
        ("Icannot is not a word", False),
    ],
)
def test_looks_like_refusal(text: str, refused: bool) -> None:
    assert looks_like_refusal(text) is refused
