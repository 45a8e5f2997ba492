"""The text client hands back the model's words alone: no labels, no wrapping quotes, no echoed prompt."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from chronicler.nlp.llm import LLMConfig, LLMText
from chronicler.nlp.llm.text import echoes, tidy
from tests.fakes.openai_server import FakeOpenAI, reply

ConfigFactory = Callable[..., LLMConfig]
SYSTEM = (
    "You write ONE short, warm sentence (under 150 characters) that a Twitch channel's chat helper posts "
    "back to a viewer who greeted or mentioned it."
)


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ('"Welcome in, Wren!"', "Welcome in, Wren!"),
        ("“Welcome in, Wren!”", "Welcome in, Wren!"),
        ("Assistant: Welcome in, Wren!", "Welcome in, Wren!"),
        ('Reply: "Welcome in, Wren!"', "Welcome in, Wren!"),
        ("**Bot:** Welcome in, Wren!", "Welcome in, Wren!"),
        ("<think>be nice</think>\nAI: 'Welcome in, Wren!'", "Welcome in, Wren!"),
        ('"Hi" she said, "welcome"', '"Hi" she said, "welcome"'),
        ("Welcome in: glad you're here", "Welcome in: glad you're here"),
    ],
)
def test_the_dressing_comes_off_and_the_words_stay(
    server: FakeOpenAI, make_config: ConfigFactory, answer: str, words: str
) -> None:
    server.script(reply(answer))

    assert LLMText(make_config()).complete(SYSTEM, "Viewer's name: Wren") == words


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(SYSTEM, id="the prompt itself"),
        pytest.param("Sure! " + SYSTEM[20:120] + " Hi!", id="a stretch of the prompt"),
        pytest.param("Assistant: \"I'm sorry, I can't help with that.\"", id="a dressed-up refusal"),
        pytest.param('""', id="empty quotes"),
        pytest.param("Assistant:", id="a label alone"),
    ],
)
def test_an_echoed_prompt_or_a_refusal_is_no_answer(
    server: FakeOpenAI, make_config: ConfigFactory, answer: str
) -> None:
    server.script(reply(answer))

    assert LLMText(make_config()).complete(SYSTEM, "Viewer's name: Wren") is None


def test_tidy_leaves_plain_text_alone() -> None:
    assert tidy("  Quiet in here: what are you snacking on?  ") == "Quiet in here: what are you snacking on?"
    assert tidy("'") == "'"


def test_a_short_prompt_or_answer_is_never_called_an_echo() -> None:
    assert not echoes("Be nice.", "Be nice.")
    assert not echoes(SYSTEM, "Welcome in, Wren!")
