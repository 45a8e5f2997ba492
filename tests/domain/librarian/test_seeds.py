"""Blog seeds from recurring chat topics, with and without an LLM writer."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from chronicler.contract.errors import InvalidInput
from chronicler.domain.chat import ChatMessage
from chronicler.domain.librarian import propose_blog_seeds
from tests.domain.librarian.chatlog import in_order, message, real_chat

_PIZZA = ("pineapple pizza is honestly {}", "never put pineapple on pizza {}", "pizza with pineapple, ham {}")
_PIZZA_ENDINGS = ("with extra cheese", "at midnight", "from the corner shop", "after school", "on fridays")
_ROUTE = ("new speedrun route skips the key {}", "that speedrun route saves time {}", "old route is safer {}")
_ROUTE_ENDINGS = ("near the elevator", "past the spikes", "before the boss", "in chapter two", "with a dash")


def _talk(
    lines: tuple[str, ...], endings: tuple[str, ...], minutes: tuple[int, ...], who: str
) -> Iterator[ChatMessage]:
    """Several chatters coming back to one topic at several moments, never in quite the same words."""
    n = 0
    for minute in minutes:
        for person in range(4):
            text = lines[n % len(lines)].format(endings[n % len(endings)])
            yield message(text, login=f"{who}{person}", seconds=minute * 60 + person * 7)
            n += 1


def _noise() -> Iterator[ChatMessage]:
    lines = (
        "PogChamp PogChamp PogChamp",
        "hi everyone",
        "@mango_fan hello there friend",
        "check https://cheap-viewers.example.com/deal now",
        "KEKW KEKW that was great",
        "mango_fan is here again",
        "catJAM catJAM vibing",
    )
    for n in range(300):
        login = "mango_fan" if n % 5 == 0 else f"lurker{n % 40}"
        yield message(lines[n % len(lines)], login=login, seconds=n * 18)


def _chat() -> list[ChatMessage]:
    return in_order(
        _talk(_PIZZA, _PIZZA_ENDINGS, (5, 25, 45, 70), "foodie"),
        _talk(_ROUTE, _ROUTE_ENDINGS, (10, 30, 60, 80), "runner"),
        _noise(),
    )


def test_recurring_topics_become_seeds_and_noise_does_not() -> None:
    chat = _chat()

    seeds = propose_blog_seeds(chat)

    assert len(seeds) == 2
    topics = " | ".join(seed.topic.lower() for seed in seeds)
    assert "pineapple" in topics or "pizza" in topics
    assert "speedrun" in topics or "route" in topics
    for banned in ("pogchamp", "kekw", "catjam", "mango", "cheap", "viewers", "example", "hello"):
        assert banned not in topics
    ids = {m.message_id for m in chat}
    for seed in seeds:
        assert seed.description and len(seed.description) <= 400
        assert 0 < len(seed.related_message_ids) <= 20 and set(seed.related_message_ids) <= ids


def test_a_topic_mentioned_in_one_moment_only_is_not_recurring() -> None:
    chat = in_order(_talk(_PIZZA, _PIZZA_ENDINGS, (5,), "foodie"), _noise())

    assert propose_blog_seeds(chat) == []


def test_max_seeds_is_respected_and_must_be_positive() -> None:
    assert len(propose_blog_seeds(_chat(), max_seeds=1)) == 1
    with pytest.raises(InvalidInput) as caught:
        propose_blog_seeds(_chat(), max_seeds=0)
    assert caught.value.field == "max_seeds"


def test_no_messages_no_seeds() -> None:
    assert propose_blog_seeds([]) == []


def test_the_writer_words_title_and_pitch_from_keywords_and_messages() -> None:
    asked: list[tuple[str, str]] = []

    def writer(system: str, user: str) -> str:
        asked.append((system, user))
        return "**Title:** Pineapple on pizza, settled\nPitch: Chat could not agree, so let's weigh in."

    template = propose_blog_seeds(_chat(), max_seeds=1)[0]
    (seed,) = propose_blog_seeds(_chat(), max_seeds=1, writer=writer)

    assert seed.topic == "Pineapple on pizza, settled"
    assert seed.description == "Chat could not agree, so let's weigh in."
    assert len(seed.related_message_ids) == len(template.related_message_ids)
    system, user = asked[0]
    assert "two lines" in system
    assert "Keywords:" in user and "pineapple" in user.lower() and "- " in user


@pytest.mark.parametrize(
    "answer",
    [None, "", "   \n  ", RuntimeError("the LLM is down")],
    ids=["none", "empty", "blank", "raises"],
)
def test_a_writer_that_fails_leaves_the_template_wording(answer: object) -> None:
    def writer(system: str, user: str) -> str | None:
        if isinstance(answer, Exception):
            raise answer
        return answer  # type: ignore[return-value]

    (template,) = propose_blog_seeds(_chat(), max_seeds=1)
    (seed,) = propose_blog_seeds(_chat(), max_seeds=1, writer=writer)

    assert (seed.topic, seed.description) == (template.topic, template.description)


def test_a_one_line_or_rambling_writer_answer_is_used_within_limits() -> None:
    (one_line,) = propose_blog_seeds(_chat(), max_seeds=1, writer=lambda s, u: "A pitch in a single line.")
    (template,) = propose_blog_seeds(_chat(), max_seeds=1)
    rambles = "Title " * 50 + "\n" + "word " * 400
    (rambling,) = propose_blog_seeds(_chat(), max_seeds=1, writer=lambda s, u: rambles)

    assert one_line.topic == template.topic and one_line.description == "A pitch in a single line."
    assert len(rambling.topic) <= 80 and len(rambling.description) <= 400


@pytest.mark.shared_data
def test_real_chat_gives_a_few_readable_seeds() -> None:
    chat = real_chat()

    seeds = propose_blog_seeds(chat)

    assert 1 <= len(seeds) <= 5
    for seed in seeds:
        assert re.fullmatch(r"[a-z][a-z'’-]*(?: [a-z][a-z'’-]*)?", seed.topic), seed.topic
        assert seed.topic not in {"admiralbulldog", "bulldog", "lul", "pepelaugh", "omegalul"}
        assert 100 <= len(seed.description) <= 400
        assert len(seed.related_message_ids) == 20
