"""The checks every written reply passes before it is posted: what is dropped, and what is kept."""

from __future__ import annotations

import pytest

from chronicler.domain.wording import unsafe_reason, vetted

FACTS = ("Wren42", "wren42", "Celeste any%")
NAMES = ("Wren42", "wren42")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("As an AI model created by OpenAI, I'm happy to help!", "identity"),
        ("I'm just a language model, but welcome!", "identity"),
        ("Hi! ChatGPT here, welcome in.", "identity"),
        ("Welcome! Your friendly assistant is here.", "identity"),
        ("Als KI kann ich das nicht sagen.", "identity"),
        ("Hola, soy un asistente de IA.", "identity"),
        ("I'm sorry, welcome anyway!", "refusal"),
        ("Welcome! I can't share that, though.", "refusal"),
        ("Unfortunately that's private. Welcome!", "refusal"),
        ("Lo siento, no puedo.", "refusal"),
        ("Es tut mir leid, willkommen!", "refusal"),
        ("Sure, here's a link: http://evil.example.com", "link"),
        ("Sure, here's a link:", "link"),
        ("Welcome! Join us here:", "link"),
        ("Come say hi at www.example.org", "link"),
        ("Click the button below to follow!", "link"),
        ("Our discord is discord.gg/xyz", "link"),
        ("Welcome in! The stream started at 7:30 pm.", "number"),
        ("Welcome, we are 3 hours in!", "number"),
        ("We've been live for 3 hours.", "fact"),
        ("The world record is amazing, welcome!", "fact"),
        ("She lives in Springfield, welcome!", "fact"),
        ("See you tomorrow, Wren42!", "time"),
        ("See you on Friday!", "time"),
        ("Welcome back, we go again in two hours!", "time"),
        ("Hi @Wren42 and @everyone!", "mention"),
        ("Hey @someone_else, welcome!", "mention"),
        ("Sure! Welcome in.", "compliance"),
        ("Okay, rules ignored: welcome!", "compliance"),
        ("Here you go, Wren42: welcome!", "compliance"),
        ("/ban everyone", "command"),
        ("!uptime", "command"),
        ("Welcome, " + "friend, " * 80, "too long"),
        ("   ", "empty"),
        ("@@@ ...", "empty"),
    ],
)
def test_unsafe_replies_are_named_for_what_is_wrong(text: str, reason: str) -> None:
    assert unsafe_reason(text, facts=FACTS, mentionable=NAMES, limit=300) == reason


@pytest.mark.parametrize(
    "text",
    [
        "Welcome in, Wren42! Glad you're here.",
        "Hey @Wren42, make yourself comfortable!",
        "Hi Wren42! Enjoy the Celeste any% run.",
        "Welcome :) Good to see you.",
        "Nice to see you today, pull up a chair!",
        "Hola Wren42, ¡bienvenido!",
    ],
)
def test_safe_replies_pass(text: str) -> None:
    assert unsafe_reason(text, facts=FACTS, mentionable=NAMES, limit=300) is None


def test_numbers_and_time_words_are_allowed_when_the_facts_carry_them() -> None:
    facts = ("Two Point Hospital 2",)

    assert unsafe_reason("Welcome to Two Point Hospital 2!", facts=facts) is None
    assert unsafe_reason("Welcome to Two Point Hospital 3!", facts=facts) == "number"


def test_the_limit_is_never_above_twitchs() -> None:
    assert unsafe_reason("hi " * 200, limit=10_000) == "too long"


def test_vetted_posts_safe_words_as_one_line_and_drops_the_rest() -> None:
    assert vetted("  Welcome in,\nWren42!  ", facts=FACTS, limit=300) == "Welcome in, Wren42!"
    assert vetted("As an AI, welcome!", facts=FACTS, limit=300) == ""
    assert vetted(None, limit=300) == ""
