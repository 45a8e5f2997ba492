"""Kinds the fifteenth round's blind DEV sets (DEV54 to DEV56) missed or acted on wrongly: a change told as
already done, by the streamer or someone else ("already deleted the webhook from discord's side", "my
friend authorised some bot on his twitch"), and a friend's webhook pasted as news, are asked about, never
carried out; the same words asking are still carried out. Every line here is invented for the test."""

from __future__ import annotations

import pytest

from tests.nlp.rules.conftest import Parse
from tests.nlp.rules.test_learned import command

_URL = "https://discord.com/api/webhooks/1234567890123456789/Zx9-invented_TOKEN_value"


@pytest.mark.parametrize(
    "text",
    [
        "already removed the webhook on discord's end, all good",
        "already linked my twitch through the website 👍",
        "I disconnected twitch from my old overlay bot last month",
        "my cousin authorised a sketchy bot on his twitch and lost his account",
        f"my buddy's webhook is {_URL}, he uses it for his own bot",
    ],
)
def test_a_change_told_as_done_or_someone_elses_changes_nothing(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("remove the webhook please", command("settings", "remove_webhook")),
        (
            "I already removed it on discord, remove the webhook here too pls",
            command("settings", "remove_webhook"),
        ),
        (f"here's my webhook: {_URL}", command("settings", "set_webhook", url=_URL)),
    ],
)
def test_the_same_words_asking_are_carried_out(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "mode"),
    [("mets le steward off stp", "steward"), ("pon el warden off", "warden")],
)
def test_a_verb_that_puts_then_english_off_turns_the_mode_off(parse: Parse, text: str, mode: str) -> None:
    assert parse(text) == command("mode", "disable", mode=mode)


@pytest.mark.parametrize(
    ("text", "code"), [("code de liaison : KQ7M2P", "KQ7M2P"), ("código de vinculación: ZR4T8N", "ZR4T8N")]
)
def test_the_link_code_named_in_another_language_links(parse: Parse, text: str, code: str) -> None:
    assert parse(text) == command("link", None, code=code)
