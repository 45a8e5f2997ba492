"""Answering flags: by number of the last list, "that one", or a button; the list numbers its flags."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

import pytest

from chronicler.bot.context import Context, ShownFlags
from chronicler.bot.handlers.flags import button_id, is_review_button, press
from chronicler.bot.languages import phrase
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Reply
from chronicler.bot.streamer_api import StreamerApi
from chronicler.contract.api import UserOut
from chronicler.contract.commands import Command
from chronicler.nlp.rules import RuleParser
from tests.bot.handlers.test_flags import _flag

LIST = Command(interaction_type="flags", action="list", range="today")
SHOW_FIRST = phrase("flags_show_first")  # the English reply to an answer before any list


def answer(verdict: str, item: int | None = None) -> Command:
    return Command(interaction_type="flags", action="review", verdict=verdict, item=item)


@pytest.fixture
def shown() -> ShownFlags:
    """What this conversation last listed: one per test, shared by its turns."""
    return ShownFlags()


@pytest.fixture
def ctx(registry: Registry, clock, shown: ShownFlags) -> Callable[[], Context]:
    async def no_link(code: str) -> UserOut:
        raise AssertionError("never links")

    profile = UserOut(
        id=1,
        username="pixel_wren",
        twitch_channel="pixel_wren",
        timezone="UTC",
        webhook_url=None,
        discord_linked=True,
        created_at="2024-04-01T12:00:00+00:00",
    )
    return lambda: Context("console", profile, clock(), registry, link=no_link, flags_shown=shown)


@pytest.fixture
def say(registry: Registry, streamer_api: StreamerApi, ctx) -> Callable[..., Any]:
    async def dispatch(command: Command) -> Reply:
        return await registry.dispatch(command, ctx(), streamer_api)

    return dispatch


@pytest.fixture
def three_flags(fake_api) -> list[dict[str, Any]]:
    """Three flags, newest first as the API lists them, with ids that are not their numbers."""
    flags = [
        _flag(31, display_name="SpamBot9"),
        _flag(20, chatter_login="wren_fan", display_name="Wren_Fan", text="check out my art"),
        _flag(7, chatter_login="lurker", display_name="Lurker", status="confirmed"),
    ]
    fake_api.flags["pixel_wren"] = flags
    return flags


def patched(fake_api, flag_id: int) -> list[Any]:
    return [call.body for call in fake_api.calls("PATCH", f"/api/flags/{flag_id}")]


async def test_the_list_numbers_its_flags_shows_their_status_and_remembers_them(say, three_flags, shown):
    [embed] = (await say(LIST)).embeds
    names = [field.name for field in embed.fields]
    assert [name.split(" · ")[0] for name in names] == ["#1", "#2", "#3"]
    assert [name.rsplit(" · ", 1)[1] for name in names] == ["to review", "to review", "spam"]
    assert shown.ids == (31, 20, 7) and shown.single is None


async def test_a_number_answers_that_flag_of_the_last_list(say, three_flags, fake_api):
    await say(LIST)
    reply = await say(answer("confirmed", 2))
    assert patched(fake_api, 20) == [{"status": "confirmed"}]
    assert reply.chunks[0].startswith("Marked #2 (Wren\\_Fan: “check out my art”) as **spam**")
    reply = await say(answer("dismissed", 3))
    assert patched(fake_api, 7) == [{"status": "dismissed"}]
    assert "as **not spam**: the Warden will trust lurker" in reply.chunks[0]
    assert three_flags[2]["status"] == "dismissed"


async def test_that_one_is_the_only_flag_listed(say, fake_api):
    fake_api.flags["pixel_wren"] = [_flag(12)]
    await say(LIST)
    await say(answer("dismissed"))
    assert patched(fake_api, 12) == [{"status": "dismissed"}]


async def test_that_one_among_several_is_asked_about_until_one_was_answered(say, three_flags, fake_api):
    await say(LIST)
    reply = await say(answer("dismissed"))
    assert reply.chunks == ("Which one? The last list had #1, #2, #3: say “#2 is spam” or “#2 is fine”.",)
    assert fake_api.calls("PATCH", "/api/flags/31") == []
    await say(answer("confirmed", 1))
    await say(answer("dismissed"))  # "actually, that one's fine": the one just answered
    assert patched(fake_api, 31) == [{"status": "confirmed"}, {"status": "dismissed"}]


async def test_an_answer_before_any_list_says_to_ask_for_the_flags_first(say, fake_api):
    assert (await say(answer("confirmed", 1))).chunks == (SHOW_FIRST,)
    assert (await say(answer("dismissed"))).chunks == (SHOW_FIRST,)
    assert not [call for call in fake_api.received if call.method == "PATCH"]


async def test_a_number_beyond_the_list_is_asked_about(say, three_flags, fake_api):
    await say(LIST)
    reply = await say(answer("confirmed", 4))
    assert reply.chunks == ("The last list had 3 flags: there is no #4. Which one did you mean?",)
    assert not [call for call in fake_api.received if call.method == "PATCH"]


async def test_a_new_list_renumbers(say, three_flags, fake_api):
    await say(LIST)
    fake_api.flags["pixel_wren"] = [_flag(99)]
    await say(LIST)
    await say(answer("confirmed", 1))
    assert patched(fake_api, 99) == [{"status": "confirmed"}]


async def test_a_flag_gone_meanwhile_is_said_plainly(say, three_flags, fake_api):
    await say(LIST)
    fake_api.flags["pixel_wren"] = []
    assert (await say(answer("confirmed", 1))).chunks == (phrase("flag_gone", None),)


async def test_the_list_carries_two_buttons_per_flag_two_flags_a_row(say, fake_api):
    fake_api.flags["pixel_wren"] = [_flag(n) for n in range(1, 13)]
    reply = await say(LIST)
    buttons = reply.buttons
    assert len(buttons) == 20  # the first ten flags: Discord takes five rows of buttons at most
    assert [(b.label, b.custom_id, b.style, b.row) for b in buttons[:4]] == [
        ("#1 spam", "chronicler:flag:1:confirmed", "danger", 0),
        ("#1 fine", "chronicler:flag:1:dismissed", "secondary", 0),
        ("#2 spam", "chronicler:flag:2:confirmed", "danger", 0),
        ("#2 fine", "chronicler:flag:2:dismissed", "secondary", 0),
    ]
    assert {b.row for b in buttons} == {0, 1, 2, 3, 4}
    assert "buttons" not in reply.plain_text().lower()


async def test_nothing_flagged_has_no_buttons(say):
    assert (await say(LIST)).buttons == ()


async def test_a_button_answers_its_flag_numbered_as_listed(say, ctx, streamer_api, three_flags, fake_api):
    await say(LIST)
    reply = await press(button_id(20, "dismissed"), ctx(), streamer_api)
    assert patched(fake_api, 20) == [{"status": "dismissed"}]
    assert reply.chunks[0].startswith("Marked #2 (Wren\\_Fan")
    # A button of an older list still answers its own flag, just without a number.
    fake_api.flags["pixel_wren"].append(_flag(5))
    reply = await press(button_id(5, "confirmed"), ctx(), streamer_api)
    assert reply.chunks[0].startswith("Marked that flag (SpamBot9")


def test_only_our_buttons_are_ours():
    assert is_review_button(button_id(3, "confirmed")) and is_review_button(button_id(3, "dismissed"))
    assert not is_review_button("chronicler:flag:3:open")
    assert not is_review_button("chronicler:flag:x:confirmed")
    assert not is_review_button("someone-elses-button")


async def test_an_answer_in_another_language_is_answered_in_it(registry, streamer_api, ctx, three_flags):
    context = dataclasses.replace(ctx(), language="fr")  # told from "le message 1 n'est pas du spam"
    early = await registry.dispatch(answer("dismissed", 1), context, streamer_api)
    assert early.chunks[0].startswith("Je ne vous ai encore montré aucun message signalé")
    await registry.dispatch(LIST, context, streamer_api)
    which = await registry.dispatch(answer("dismissed"), context, streamer_api)
    assert which.chunks == (
        "Lequel ? La dernière liste avait #1, #2, #3 : dites « #2 est du spam » ou « #2 est ok ».",
    )
    beyond = await registry.dispatch(answer("confirmed", 4), context, streamer_api)
    assert "il n'y a pas de #4" in beyond.chunks[0]
    done = await registry.dispatch(answer("dismissed", 1), context, streamer_api)
    assert done.chunks[0].startswith("#1 (") and "**pas du spam**" in done.chunks[0]


async def test_the_answers_a_reply_teaches_are_read_as_those_answers():
    """ "Which one?" shows how to answer in the streamer's language; the parser reads those answers."""
    parser = RuleParser()
    for language in ("en", "es", "fr", "de", "pt"):
        text = phrase("flag_which_one", language, numbers="#1, #2")
        examples = re.findall(r"[“„«]\s?([^”“»]+?)\s?[”“»]", text)
        verdicts = [parser.parse(example).command.verdict for example in examples]
        assert verdicts == ["confirmed", "dismissed"], (language, examples)
