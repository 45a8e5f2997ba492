"""The DM flow without Discord: linking, limits, outages, token renewal, confirmations, audit, notices."""

from __future__ import annotations

import logging

import pytest

from chronicler.bot.api_client import ApiClient
from chronicler.bot.auth import DiscordAuthenticator, ProvidedAuthenticator
from chronicler.bot.conversation import (
    API_DOWN,
    CANCELLED,
    EXPIRED,
    MISCONFIGURED,
    NOT_AVAILABLE,
    SOMETHING_WRONG,
    Conversation,
)
from chronicler.bot.handlers.link import NOT_LINKED
from chronicler.bot.ratelimit import RateLimiter
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Reply
from chronicler.contract.commands import Command
from chronicler.nlp.result import ParseResult
from tests.bot.conftest import STRANGER, WREN, FakeClock
from tests.bot.fake_parser import PhraseParser

STOP = Command(interaction_type="session", action="stop")


def text_of(reply: Reply | None) -> str:
    assert reply is not None
    return reply.plain_text()


# -- linking ---------------------------------------------------------------------------------------


async def test_an_unlinked_user_is_told_how_to_link_never_asked_for_a_password(
    conversation, parser, fake_api
):
    replies = [
        await conversation.handle(STRANGER, text)
        for text in (
            "hi",
            "start chronicling",
            "what's my password?",
            "link nonsense",
            "link ABCDE-FGH23",
            "yes",
        )
    ]
    for reply in replies:
        assert "password" not in text_of(reply).lower()
    assert text_of(replies[0]) == NOT_LINKED
    assert "chronicler link-code YOUR_USERNAME" in NOT_LINKED and "POST /api/link-codes" in NOT_LINKED
    assert "isn't valid" in text_of(replies[4])
    assert parser.calls == []  # strangers cost no parsing
    assert fake_api.interactions["pixel_wren"] == []


async def test_link_then_use_the_bot(conversation, fake_api, link_code):
    linked = await conversation.handle(WREN, f"link {link_code.lower()}")
    assert text_of(linked) == (
        "Linked! This Discord account now speaks for **pixel\\_wren** (#pixel_wren). "
        "Try “start chronicling”, or “help” to see what I can do."
    )
    assert fake_api.users["pixel_wren"].discord_user_id == WREN
    started = await conversation.handle(WREN, "start chronicling")
    assert text_of(started).startswith("Chronicling #pixel_wren since 20:03")
    await conversation.aclose()
    link_record, start_record = fake_api.interactions["pixel_wren"]
    assert link_record["text"] == "link ***" and link_record["command"] == {
        "interaction_type": "link",
        "action": None,
        "code": "***",
    }
    assert start_record["command"] == {"interaction_type": "session", "action": "start"}


@pytest.mark.parametrize(
    ("arrange", "expected"),
    [
        (lambda api, code: api.used_codes.add(code.replace("-", "")), "has been used already"),
        (lambda api, code: None, "Linked!"),
    ],
)
async def test_a_spent_code_is_refused(conversation, fake_api, link_code, arrange, expected):
    arrange(fake_api, link_code)
    assert expected in text_of(await conversation.handle(WREN, f"link {link_code}"))


async def test_a_malformed_code_gets_the_apis_explanation(conversation):
    reply = text_of(await conversation.handle(WREN, "link 12"))
    assert reply.startswith("A link code has 10 letters and digits, like ABCDE-FGH23. Get a one-time")


async def test_the_console_cannot_link(client, fake_api):
    async def token() -> str:
        return fake_api.token_for("pixel_wren")

    conversation = Conversation(client, PhraseParser(), ProvidedAuthenticator(token))
    reply = await conversation.handle("console", "link ABCDE-FGH23")
    assert "already signed in" in text_of(reply)
    assert text_of(await conversation.handle("console", "session status")).startswith("I'm not chronicling")
    await conversation.aclose()


# -- limits and failures ---------------------------------------------------------------------------


async def test_over_ten_dms_a_minute_get_one_friendly_message_then_silence(
    conversation, linked, clock, fake_api
):
    replies = []
    for _ in range(12):
        replies.append(await conversation.handle(WREN, "session status"))
        clock.advance(seconds=1)
    assert all(r is not None and r.chunks[0].startswith("I'm not chronicling") for r in replies[:10])
    assert text_of(replies[10]) == (
        "You're sending messages faster than I can keep up with — give me 50 s, then try again."
    )
    assert replies[11] is None
    clock.advance(seconds=50)
    assert text_of(await conversation.handle(WREN, "session status")).startswith("I'm not chronicling")
    assert len(fake_api.calls("GET", "/api/sessions/current")) == 11


def test_the_rate_limit_counts_each_user_apart():
    limiter = RateLimiter(limit=2)
    now = FakeClock().now
    assert [limiter.check("a", now).allowed for _ in range(3)] == [True, True, False]
    assert limiter.check("b", now).allowed


async def test_api_down_gets_a_friendly_message(http, closed_url, clock):
    client = ApiClient(http, closed_url, bot_secret="s" * 40)
    conversation = Conversation(
        client, PhraseParser(), DiscordAuthenticator(client, clock=clock), clock=clock
    )
    assert text_of(await conversation.handle(WREN, "show flags")) == API_DOWN
    assert text_of(await conversation.handle(WREN, "link ABCDE-FGH23")) == API_DOWN


async def test_api_failing_midway_gets_a_friendly_message(conversation, linked, fake_api):
    await conversation.handle(WREN, "session status")
    fake_api.down = 503
    assert text_of(await conversation.handle(WREN, "show flags")) == API_DOWN


async def test_an_expired_token_is_renewed_and_the_request_retried_once(conversation, linked, fake_api):
    await conversation.handle(WREN, "session status")
    fake_api.expire_tokens()
    reply = await conversation.handle(WREN, "show today's flagged messages")
    assert text_of(reply) == "Nothing flagged today."
    assert len(fake_api.calls("POST", "/api/bot/token")) == 2


async def test_a_route_the_api_lacks_is_explained(conversation, linked, fake_api):
    fake_api.missing.add("/api/flags")
    assert text_of(await conversation.handle(WREN, "show flags")) == NOT_AVAILABLE


async def test_a_wrong_service_secret_is_the_operators_problem(http, api_url, clock, caplog):
    client = ApiClient(http, api_url, bot_secret="wrong" * 10)
    conversation = Conversation(
        client, PhraseParser(), DiscordAuthenticator(client, clock=clock), clock=clock
    )
    assert text_of(await conversation.handle(WREN, "hi")) == MISCONFIGURED
    assert "BOT_API_SECRET" in caplog.text


async def test_a_failing_handler_is_logged_and_apologised_for(client, parser, clock, linked, caplog):
    registry = Registry()

    @registry.handler("session", "status")
    async def broken(command, ctx, api):
        """Always fails."""
        raise RuntimeError("bug")

    conversation = Conversation(
        client, parser, DiscordAuthenticator(client, clock=clock), registry=registry, clock=clock
    )
    assert text_of(await conversation.handle(WREN, "session status")) == SOMETHING_WRONG
    assert "handler for session status failed" in caplog.text and "RuntimeError: bug" in caplog.text
    await conversation.aclose()


async def test_a_failing_parser_counts_as_not_understood(client, clock, linked, caplog):
    class Broken:
        name = "broken"

        def parse(self, text, history=()):
            raise RuntimeError("parser bug")

    conversation = Conversation(client, Broken(), DiscordAuthenticator(client, clock=clock), clock=clock)
    assert "I didn't catch that" in text_of(await conversation.handle(WREN, "hello"))
    assert "the broken parser failed" in caplog.text
    await conversation.aclose()


async def test_empty_messages_get_no_reply(conversation, parser):
    assert await conversation.handle(WREN, "   ") is None
    assert parser.calls == []


async def test_unknown_commands_get_the_parsers_question_or_a_help_pointer(conversation, linked, parser):
    assert "Say “help”" in text_of(await conversation.handle(WREN, "make me a sandwich"))
    parser.question = "Do you mean the flags of today or of the last stream?"
    assert text_of(await conversation.handle(WREN, "flags?")).startswith("Do you mean the flags")


# -- audit trail and notices -----------------------------------------------------------------------


async def test_every_answered_dm_is_recorded(conversation, linked, fake_api):
    reply = await conversation.handle(WREN, "show today's flagged messages")
    await conversation.aclose()
    [record] = fake_api.interactions["pixel_wren"]
    assert record == {
        "text": "show today's flagged messages",
        "parser": "phrases",
        "model": None,
        "raw_output": '{"interaction_type":"flags","action":"list","range":"today"}',
        "command": {"interaction_type": "flags", "action": "list", "range": "today"},
        "retries": 0,
        "errors": [],
        "latency_ms": record["latency_ms"],
        "reply": text_of(reply),
        "fell_back": False,
        "attempts": [],
    }
    assert isinstance(record["latency_ms"], float)


async def test_secrets_in_a_dm_are_masked_in_the_record(conversation, linked, fake_api, parser):
    url = "https://discord.com/api/webhooks/123456/very-secret-token"
    command = Command(interaction_type="settings", action="set_webhook", url=url)
    parser.phrases[f"set my webhook to {url}"] = command
    await conversation.handle(WREN, f"set my webhook to {url}")
    await conversation.aclose()
    [record] = fake_api.interactions["pixel_wren"]
    assert "very-secret-token" not in str(record)
    assert record["command"]["url"] == "https://discord.com/api/webhooks/123456/***"


async def test_a_failed_record_is_logged_never_shown(conversation, linked, fake_api, caplog):
    fake_api.missing.add("/api/interactions")
    reply = await conversation.handle(WREN, "session status")
    await conversation.aclose()
    assert text_of(reply).startswith("I'm not chronicling")
    assert "could not record a DM" in caplog.text


async def test_notices_are_appended_once(conversation, linked, fake_api):
    notice = "Your ledger webhook answered 404; set a new one with 'set my webhook to <url>'."
    fake_api.notices["pixel_wren"] = [notice]
    first = await conversation.handle(WREN, "session status")
    assert first is not None and first.chunks[-1].endswith("\n\n" + notice)
    second = await conversation.handle(WREN, "session status")
    assert notice not in text_of(second)


async def test_a_missing_notices_route_does_not_matter(conversation, linked, fake_api):
    fake_api.missing.add("/api/notices")
    assert text_of(await conversation.handle(WREN, "session status")).startswith("I'm not chronicling")


# -- follow-ups and confirmations ------------------------------------------------------------------


async def test_the_last_three_recent_turns_go_to_the_parser(conversation, linked, parser, clock):
    for text in ("session status", "show flags", "help", "stats for this week"):
        await conversation.handle(WREN, text)
    assert [turn.text for turn in parser.calls[-1][1]] == ["session status", "show flags", "help"]
    await conversation.handle(WREN, "session status")
    assert [turn.text for turn in parser.calls[-1][1]] == ["show flags", "help", "stats for this week"]
    clock.advance(minutes=16)
    await conversation.handle(WREN, "session status")
    assert parser.calls[-1][1] == ()  # a follow-up is about the last few minutes, not yesterday


async def test_a_state_change_from_a_follow_up_is_confirmed_first(conversation, linked, fake_api):
    await conversation.handle(WREN, "start chronicling")
    question = await conversation.handle(WREN, "stop it")
    assert text_of(question) == (
        "Stop chronicling #pixel_wren? Reply **yes** within 2 minutes to confirm; anything else cancels."
    )
    assert fake_api._active("pixel_wren") is not None
    done = await conversation.handle(WREN, "Yes!")
    assert text_of(done).startswith("Stopped chronicling #pixel_wren")
    assert fake_api._active("pixel_wren") is None
    await conversation.aclose()
    assert fake_api.interactions["pixel_wren"][-1]["parser"] == "confirmation"
    assert fake_api.interactions["pixel_wren"][-1]["command"] == {
        "interaction_type": "session",
        "action": "stop",
    }


async def test_a_slot_carried_over_from_an_earlier_turn_is_confirmed(conversation, linked, fake_api):
    await conversation.handle(WREN, "turn off the warden")  # explicit: done at once
    assert fake_api.modes["pixel_wren"]["warden"]["enabled"] is False
    question = await conversation.handle(WREN, "and the librarian")  # names its mode: no confirmation
    assert fake_api.modes["pixel_wren"]["librarian"]["enabled"] is False
    assert "yes" not in text_of(question)


async def test_an_explicit_command_after_others_is_not_confirmed(conversation, linked, fake_api):
    await conversation.handle(WREN, "start chronicling")
    reply = await conversation.handle(WREN, "stop chronicling")
    assert text_of(reply).startswith("Stopped chronicling")


async def test_a_replayed_stream_stops_with_its_span_to_the_last_chat(conversation, linked, fake_api):
    # A replayed log's chat runs on its own clock, past the moment chronicling was stopped: the span
    # shown ends where its length is counted to, not at the stop.
    fake_api.add_session(
        status="active",
        started_at="2024-04-30T20:00:00+00:00",
        ended_at=None,
        last_chat_at="2024-04-30T22:00:00+00:00",
        message_count=10,
    )
    reply = text_of(await conversation.handle(WREN, "stop chronicling"))
    assert reply.startswith("Stopped chronicling #pixel_wren: 20:00–22:00")


async def test_a_low_confidence_state_change_is_confirmed(conversation, linked, fake_api, parser):
    parser.phrases["wrap it up maybe"] = ParseResult(STOP, parser="phrases", confidence=0.4)
    parser.phrases["end the stream"] = ParseResult(STOP, parser="phrases", confidence=0.9)
    fake_api.add_session(status="active", ended_at=None)
    assert "Reply **yes**" in text_of(await conversation.handle(WREN, "wrap it up maybe"))
    assert text_of(await conversation.handle(WREN, "y")).startswith("Stopped chronicling")
    fake_api.add_session(status="active", ended_at=None)
    assert text_of(await conversation.handle(WREN, "end the stream")).startswith("Stopped chronicling")


async def test_no_cancels(conversation, linked, fake_api, parser):
    parser.phrases["wrap it up maybe"] = ParseResult(STOP, parser="phrases", confidence=0.4)
    fake_api.add_session(status="active", ended_at=None)
    await conversation.handle(WREN, "wrap it up maybe")
    assert text_of(await conversation.handle(WREN, "no")) == CANCELLED
    assert text_of(await conversation.handle(WREN, "yes")) != CANCELLED  # nothing waits any more
    assert fake_api._active("pixel_wren") is not None


async def test_anything_else_cancels_and_is_answered(conversation, linked, fake_api, parser):
    parser.phrases["wrap it up maybe"] = ParseResult(STOP, parser="phrases", confidence=0.4)
    fake_api.add_session(status="active", ended_at=None)
    await conversation.handle(WREN, "wrap it up maybe")
    reply = await conversation.handle(WREN, "session status")
    assert text_of(reply).startswith("Chronicling #pixel_wren")
    assert text_of(reply).endswith("(I did not do “wrap it up maybe”: that needed a yes.)")
    assert fake_api._active("pixel_wren") is not None


async def test_a_late_yes_does_nothing(conversation, linked, fake_api, parser, clock):
    parser.phrases["wrap it up maybe"] = ParseResult(STOP, parser="phrases", confidence=0.4)
    fake_api.add_session(status="active", ended_at=None)
    await conversation.handle(WREN, "wrap it up maybe")
    clock.advance(minutes=2, seconds=1)
    assert text_of(await conversation.handle(WREN, "yes")) == EXPIRED
    assert fake_api._active("pixel_wren") is not None


async def test_tokens_and_passwords_never_show_in_logs(conversation, linked, fake_api, caplog):
    caplog.set_level(logging.DEBUG)
    await conversation.handle(WREN, "session status")
    fake_api.expire_tokens()
    await conversation.handle(WREN, "show flags")
    assert "tok-" not in caplog.text


async def test_the_profile_is_read_again_after_a_settings_change(conversation, linked, fake_api, parser):
    parser.phrases["set my channel to new_chan"] = Command(
        interaction_type="settings", action="set_channel", channel="new_chan"
    )
    start = Command(interaction_type="session", action="start")
    parser.phrases["start it maybe"] = ParseResult(start, parser="phrases", confidence=0.4)
    assert "#pixel_wren?" in text_of(await conversation.handle(WREN, "start it maybe"))
    await conversation.handle(WREN, "set my channel to new_chan")
    assert "Start chronicling #new_chan?" in text_of(await conversation.handle(WREN, "start it maybe"))
    assert len(fake_api.calls("GET", "/api/me")) == 1
