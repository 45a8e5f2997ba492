"""Making words safe to post, calling a writer safely, and rotating templates."""

from __future__ import annotations

import logging

import pytest

from chronicler.domain.wording import Rotation, ask_writer, fit_for_chat, one_line
from tests.domain.librarian.chatlog import at


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hello\n\n  there", "hello there"),
        ("see https://a.example.com and www.b.example.org or c.tv/x ok", "see and or ok"),
        ("thanks @Bob and @@everyone", "thanks Bob and everyone"),
        ("/ban someone", "ban someone"),
        ("  .timeout x", "timeout x"),
        ("!addcom !hack", "addcom !hack"),
        ("@ @@ ... !!", ""),
    ],
)
def test_fit_for_chat(text: str, expected: str) -> None:
    assert fit_for_chat(text) == expected


def test_fit_for_chat_caps_at_twitchs_limit_at_a_word_boundary() -> None:
    capped = fit_for_chat("word " * 300, limit=1000)

    assert len(capped) <= 500 and capped.endswith("word…")


def test_one_line_keeps_short_text_whole() -> None:
    assert one_line("short  text", 50) == "short text"


def test_ask_writer_trims_and_treats_failures_as_no_answer(caplog: pytest.LogCaptureFixture) -> None:
    def broken(system: str, user: str) -> str:
        raise TimeoutError("no answer in time")

    assert ask_writer(None, "s", "u") is None
    assert ask_writer(lambda s, u: f"  {s}/{u}\n", "s", "u") == "s/u"
    assert ask_writer(lambda s, u: 42, "s", "u") is None  # type: ignore[arg-type, return-value]
    with caplog.at_level(logging.WARNING, logger="chronicler.domain.wording"):
        assert ask_writer(broken, "s", "u") is None
    assert "writer failed" in caplog.text


def test_rotation_never_repeats_back_to_back_and_starts_from_the_clock() -> None:
    options = ("a", "b", "c")
    rotation = Rotation()

    picks = [rotation.pick("kind", options, at(0)) for _ in range(6)]

    assert all(x != y for x, y in zip(picks, picks[1:], strict=False))
    assert Rotation().pick("kind", options, at(60)) != Rotation().pick("kind", options, at(120))
