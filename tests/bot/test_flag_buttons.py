"""Reviewing flags from Discord and the console: the buttons under the list, and answers in words."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import discord
import discord.ext.test as dpytest
import pytest

from chronicler.bot.auth import ProvidedAuthenticator
from chronicler.bot.console import run_console
from chronicler.bot.conversation import Conversation
from chronicler.bot.discord_client import button_view, to_messages
from chronicler.bot.handlers.flags import button_id
from chronicler.bot.handlers.link import NOT_LINKED
from chronicler.bot.replies import Button, Reply
from chronicler.nlp.rules import RuleParser
from tests.bot.conftest import STRANGER, WREN
from tests.bot.handlers.test_flags import _flag


def _two_flags(fake_api) -> None:
    fake_api.flags["pixel_wren"] = [
        _flag(31, display_name="SpamBot9"),
        _flag(20, chatter_login="wren_fan", display_name="Wren_Fan", text="check out my art"),
    ]


# -- the conversation -------------------------------------------------------------------------------


async def test_a_press_answers_the_flag_as_the_streamer_who_pressed(conversation, linked, fake_api):
    _two_flags(fake_api)
    await conversation.handle(WREN, "show flags")
    reply = await conversation.press(WREN, button_id(20, "dismissed"))
    assert reply is not None and reply.chunks[0].startswith("Marked #2 (Wren\\_Fan")
    [call] = fake_api.calls("PATCH", "/api/flags/20")
    assert call.body == {"status": "dismissed"}
    await conversation.aclose()  # the audit record is posted in the background
    assert fake_api.interactions["pixel_wren"][-1]["parser"] == "button"


async def test_a_press_by_someone_unlinked_teaches_linking_and_answers_nothing(conversation, fake_api):
    _two_flags(fake_api)
    reply = await conversation.press(STRANGER, button_id(20, "confirmed"))
    assert reply is not None and reply.chunks == (NOT_LINKED,)
    assert fake_api.calls("PATCH", "/api/flags/20") == []


async def test_a_button_not_ours_is_left_alone(conversation, linked, fake_api):
    assert await conversation.press(WREN, "some-other-bot:thing") is None
    assert fake_api.received == []


async def test_after_a_press_that_one_means_the_flag_pressed(conversation, linked, fake_api, parser):
    _two_flags(fake_api)
    parser.phrases["that one's fine"] = RuleParser().parse("that one's fine").command
    await conversation.handle(WREN, "show flags")
    await conversation.press(WREN, button_id(31, "confirmed"))
    await conversation.handle(WREN, "that one's fine")
    assert [c.body for c in fake_api.calls("PATCH", "/api/flags/31")] == [
        {"status": "confirmed"},
        {"status": "dismissed"},
    ]


# -- Discord ----------------------------------------------------------------------------------------


async def test_buttons_go_under_the_last_message_as_a_view():
    reply = Reply(("first", "second"), buttons=(Button("#1 spam", button_id(1, "confirmed"), "danger"),))
    first, second = to_messages(reply)
    assert "view" not in first
    view = second["view"]
    assert isinstance(view, discord.ui.View)
    [item] = view.children
    assert isinstance(item, discord.ui.Button)
    assert (item.label, item.custom_id, item.style, item.row) == (
        "#1 spam",
        "chronicler:flag:1:confirmed",
        discord.ButtonStyle.danger,
        0,
    )
    assert to_messages(Reply(buttons=reply.buttons))[0].keys() == {"view"}


async def test_twenty_buttons_fit_discords_five_rows():
    buttons = tuple(Button(f"#{n}", button_id(n, "confirmed"), row=(n - 1) // 4) for n in range(1, 21))
    assert len(button_view(buttons).children) == 20  # discord.py raises for a sixth row or a full one


async def test_the_flags_arrive_with_their_buttons_over_dpytest(dm, fake_api, link_code):
    _two_flags(fake_api)
    await dm.say(f"link {link_code}")
    [reply] = await dm.say("show today's flagged messages")
    assert reply.embeds[0].fields[0].name.startswith("#1 · ")
    # dpytest keeps no components; discord.py holds the view it sent, to route presses to it.
    store = dpytest.get_config().client._connection._view_store._views
    held = {custom_id for items in store.values() for _, custom_id in items}
    assert held == {button_id(flag, status) for flag in (31, 20) for status in ("confirmed", "dismissed")}


@dataclass
class _Response:
    deferred: int = 0

    async def defer(self) -> None:
        self.deferred += 1


@dataclass
class _Followup:
    sent: list[dict[str, Any]] = field(default_factory=list)

    async def send(self, **kwargs: Any) -> None:
        self.sent.append(kwargs)


@dataclass
class _User:
    id: int


@dataclass
class FakeInteraction:
    """What `on_interaction` reads of a discord.Interaction: who pressed what, and how to answer."""

    custom_id: str
    user: _User
    type: discord.InteractionType = discord.InteractionType.component
    response: _Response = field(default_factory=_Response)
    followup: _Followup = field(default_factory=_Followup)

    @property
    def data(self) -> dict[str, Any]:
        return {"custom_id": self.custom_id, "component_type": 2}


async def test_a_press_is_acknowledged_then_answered(make_bot, conversation, linked, fake_api):
    _two_flags(fake_api)
    bot = await make_bot(conversation)
    await conversation.handle(WREN, "show flags")
    pressed = FakeInteraction(button_id(31, "confirmed"), _User(int(WREN)))
    await bot.on_interaction(pressed)  # type: ignore[arg-type]
    assert pressed.response.deferred == 1
    [sent] = pressed.followup.sent
    assert sent["content"].startswith("Marked #1 (SpamBot9")
    assert fake_api.flags["pixel_wren"][0]["status"] == "confirmed"


async def test_a_press_of_a_button_not_ours_gets_no_answer(make_bot, conversation, linked, fake_api):
    bot = await make_bot(conversation)
    pressed = FakeInteraction("another:button", _User(int(WREN)))
    await bot.on_interaction(pressed)  # type: ignore[arg-type]
    assert pressed.followup.sent == []


# -- the console, with the built-in parser -----------------------------------------------------------


async def test_answers_in_words_at_the_console(client, fake_api, clock):
    _two_flags(fake_api)

    async def token() -> str:
        return fake_api.token_for("pixel_wren")

    conversation = Conversation(client, RuleParser(), ProvidedAuthenticator(token), clock=clock)
    stdout = io.StringIO()
    lines = (
        "show today's flagged messages\n#2 is spam\nactually that one's fine\nthat one's fine\ndismiss 1\n"
    )
    await run_console(conversation, stdin=io.StringIO(lines), stdout=stdout)
    out = stdout.getvalue()
    assert "#1 · 20:14 · SpamBot9 · link_spam · to review" in out
    assert "Marked #2 (Wren_Fan: “check out my art”) as spam" in out
    assert "as not spam: the Warden will trust wren_fan" in out
    assert [c.body["status"] for c in fake_api.calls("PATCH", "/api/flags/20")] == [
        "confirmed",
        "dismissed",
        "dismissed",
    ]
    assert [c.body["status"] for c in fake_api.calls("PATCH", "/api/flags/31")] == ["dismissed"]


async def test_an_answer_in_words_needs_no_parser_that_knows_it(conversation, linked, fake_api, parser):
    # The phrasebook (like an LLM's prompt) knows nothing of answers: the bot reads them itself.
    _two_flags(fake_api)
    await conversation.handle(WREN, "show flags")
    reply = await conversation.handle(WREN, "#2 is spam")
    assert reply is not None and reply.chunks[0].startswith("Marked #2 (Wren\\_Fan")
    assert [text for text, _ in parser.calls] == ["show flags"]
    await conversation.aclose()
    recorded = fake_api.interactions["pixel_wren"][-1]
    assert recorded["parser"] == "rules"
    assert recorded["command"] == {
        "interaction_type": "flags",
        "action": "review",
        "verdict": "confirmed",
        "item": 2,
    }


async def test_several_answers_in_one_dm_answer_every_flag_named(conversation, linked, fake_api, parser):
    _two_flags(fake_api)
    await conversation.handle(WREN, "show flags")
    reply = await conversation.handle(WREN, "1 spam, 2 fine")
    assert reply is not None
    assert [c.body for c in fake_api.calls("PATCH", "/api/flags/31")] == [{"status": "confirmed"}]
    assert [c.body for c in fake_api.calls("PATCH", "/api/flags/20")] == [{"status": "dismissed"}]
    text = reply.plain_text()
    assert text.index("#1") < text.index("#2")  # both said, in the order given
    assert [text for text, _ in parser.calls] == ["show flags"]


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        ("they're all bots", ["confirmed", "confirmed"]),
        ("none of those are spam, they're from my community", ["dismissed", "dismissed"]),
        ("1 is spam, the rest are fine", ["confirmed", "dismissed"]),
    ],
)
async def test_an_answer_on_every_flag_shown_answers_each(conversation, linked, fake_api, text, statuses):
    _two_flags(fake_api)
    await conversation.handle(WREN, "show flags")
    await conversation.handle(WREN, text)
    answered = [[c.body for c in fake_api.calls("PATCH", f"/api/flags/{n}")] for n in (31, 20)]
    assert answered == [[{"status": status}] for status in statuses]


async def test_an_answer_on_every_flag_before_any_list_answers_none(conversation, linked, fake_api):
    _two_flags(fake_api)
    reply = await conversation.handle(WREN, "they're all bots")
    assert reply is not None and fake_api.calls("PATCH", "/api/flags/31") == []


async def test_answers_that_take_one_back_answer_nothing(conversation, linked, fake_api, parser):
    _two_flags(fake_api)
    await conversation.handle(WREN, "show flags")
    await conversation.handle(WREN, "#2 is fine, no wait, it's spam")
    assert fake_api.calls("PATCH", "/api/flags/20") == []


async def test_an_answer_before_any_list_is_told_so_in_its_own_language(conversation, linked, fake_api):
    reply = await conversation.handle(WREN, "el #2 era spam")
    assert reply is not None and reply.plain_text().startswith("Todavía no te he mostrado")


async def test_several_answers_before_any_list_are_told_so_once(conversation, linked, fake_api):
    reply = await conversation.handle(WREN, "el 2 es spam, el 4 es mi primo")
    assert reply is not None
    assert reply.plain_text().count("Todavía no te he mostrado") == 1


async def test_of_several_answers_one_naming_no_listed_flag_is_told_so_and_the_rest_still_count(
    conversation, linked, fake_api
):
    _two_flags(fake_api)
    await conversation.handle(WREN, "show flags")
    reply = await conversation.handle(WREN, "2 fine, 9 spam")
    assert reply is not None
    assert [c.body for c in fake_api.calls("PATCH", "/api/flags/20")] == [{"status": "dismissed"}]
    assert fake_api.calls("PATCH", "/api/flags/31") == []  # #9 is no flag of the list: nothing else touched
    assert "#9" in reply.plain_text()
