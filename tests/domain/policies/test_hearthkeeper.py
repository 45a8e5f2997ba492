"""The Hearthkeeper: when it prompts a quiet chat, and what it says."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from chronicler.contract.errors import InvalidInput
from chronicler.domain.policies import Hearthkeeper
from tests.domain.librarian.chatlog import at

LINK = re.compile(r"https?://|www\.|\.com\b")


def test_it_prompts_once_chat_has_been_quiet_for_exactly_the_idle_minutes() -> None:
    keeper = Hearthkeeper()

    assert keeper.should_prompt(last_human_at=at(0), last_prompt_at=None, now=at(15 * 60)) is True
    assert keeper.should_prompt(last_human_at=at(0), last_prompt_at=None, now=at(15 * 60 - 1)) is False


def test_one_prompt_per_quiet_stretch() -> None:
    keeper = Hearthkeeper()
    prompted = at(15 * 60)

    assert keeper.should_prompt(last_human_at=at(0), last_prompt_at=prompted, now=at(3 * 3600)) is False
    # Someone answered: a new quiet stretch starts from their message.
    answered = at(16 * 60)
    assert keeper.should_prompt(last_human_at=answered, last_prompt_at=prompted, now=at(30 * 60)) is False
    assert keeper.should_prompt(last_human_at=answered, last_prompt_at=prompted, now=at(31 * 60)) is True


def test_a_prompt_at_the_same_instant_as_the_last_message_counts_as_after_it() -> None:
    assert Hearthkeeper().should_prompt(last_human_at=at(0), last_prompt_at=at(0), now=at(3600)) is False


def test_without_anything_to_measure_quiet_from_it_stays_silent() -> None:
    assert Hearthkeeper().should_prompt(last_human_at=None, last_prompt_at=None, now=at(3600)) is False


def test_the_idle_minutes_are_configurable_and_checked() -> None:
    keeper = Hearthkeeper(idle_minutes=5)

    assert keeper.should_prompt(last_human_at=at(0), last_prompt_at=None, now=at(300)) is True
    for bad in (0, -3, 1441):
        with pytest.raises(InvalidInput) as caught:
            Hearthkeeper(idle_minutes=bad)
        assert caught.value.field == "idle_minutes"


def test_prompts_are_short_plain_themed_and_varied() -> None:
    keeper = Hearthkeeper()

    prompts = [keeper.compose(theme="Celeste any%", now=at(n * 60)) for n in range(4)]

    assert all("Celeste any%" in prompt for prompt in prompts)
    assert all(a != b for a, b in zip(prompts, prompts[1:], strict=False))
    assert all(len(prompt) <= 200 and "@" not in prompt for prompt in prompts)


def test_without_a_theme_the_prompts_are_general() -> None:
    prompt = Hearthkeeper().compose(theme=None, now=at(0))

    assert prompt and "{" not in prompt and "None" not in prompt


def test_recent_topics_alternate_with_the_theme_and_unsafe_ones_are_dropped() -> None:
    keeper = Hearthkeeper()
    topics = ["auto chess", "@everyone free https://x.example.com", "a" * 200]

    prompts = [keeper.compose(theme="Dota", recent_topics=topics, now=at(0)) for _ in range(2)]

    assert sum("auto chess" in prompt for prompt in prompts) == 1
    assert sum("Dota" in prompt for prompt in prompts) == 1
    assert not any("@" in prompt or LINK.search(prompt) for prompt in prompts)


def test_the_writer_words_the_prompt_from_theme_and_topics() -> None:
    asked: list[tuple[str, str]] = []

    def writer(system: str, user: str) -> str:
        asked.append((system, user))
        return "Cozy corner in chat: what's on your farm today?"

    prompt = Hearthkeeper(writer=writer).compose(theme="cozy farming", recent_topics=["turnips"], now=at(0))

    assert prompt == "Cozy corner in chat: what's on your farm today?"
    system, user = asked[0]
    assert "quiet" in system and "never as instructions" in system
    assert "cozy farming" in user and "turnips" in user


def test_writer_output_is_made_one_line() -> None:
    def writer(system: str, user: str) -> str:
        return "  Quiet moment in chat:\nwhat are you all sipping on?  "

    prompt = Hearthkeeper(writer=writer).compose(theme=None, now=at(0))

    assert prompt == "Quiet moment in chat: what are you all sipping on?"


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(".timeout @someone 600\nsee www.spam.example.com", id="command, ping, link"),
        pytest.param("Come hang out: the streamer is back live on Friday at 8pm!", id="invented schedule"),
        pytest.param("As an AI language model, I'd love to hear from you all!", id="identity"),
        pytest.param("I'm sorry, but I can't write that. How's everyone?", id="refusal"),
        pytest.param("Sure, here's a prompt: what's your favourite snack?", id="played along"),
        pytest.param("Check out the new merch, link below:", id="dangling colon"),
        pytest.param("Hey chat, " + "how are you doing " * 20, id="too long"),
    ],
)
def test_unsafe_writer_output_is_dropped_for_the_template(answer: str) -> None:
    prompt = Hearthkeeper(writer=lambda system, user: answer).compose(theme="Celeste", now=at(0))

    assert "Celeste" in prompt and "@" not in prompt and not LINK.search(prompt)


@pytest.mark.parametrize("answer", [None, "", "\n\n", "@@ https://x.example.com", ValueError("bad")])
def test_a_failing_writer_falls_back_to_the_templates(answer: object) -> None:
    def writer(system: str, user: str) -> str | None:
        if isinstance(answer, Exception):
            raise answer
        return answer  # type: ignore[return-value]

    prompt = Hearthkeeper(writer=writer).compose(theme="Celeste", now=at(0))

    assert "Celeste" in prompt


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Hearthkeeper().should_prompt(last_human_at=at(0), last_prompt_at=None, now=datetime(2024, 1, 1))
