"""Flagged messages: what the Warden set aside for the streamer's review, and the streamer's answers.

The list numbers its flags (#1, #2...) and remembers them for this conversation, so "#2 is spam",
"3 is not spam" or "that one's fine" can answer one; on Discord each flag also gets two buttons,
whose presses come back through `press`.
"""

from __future__ import annotations

import re

from chronicler.bot.api_client import ApiUserError
from chronicler.bot.context import Context
from chronicler.bot.languages import said_range
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Button, Embed, EmbedField, Reply, escape_chat, shorten
from chronicler.bot.streamer_api import StreamerApi
from chronicler.contract.api import REVIEW_STATUSES, FlagOut
from chronicler.contract.commands import Command
from chronicler.contract.errors import ErrorCode

handlers = Registry()

FLAG_LIMIT = 15  # what one embed shows comfortably
TEXT_LIMIT = 300
WARDEN_RED = 0xC0392B
BUTTON_FLAGS = 10  # two flags a row, two buttons each: 5 rows, Discord's most
STATUS_WORDS = {"open": "to review", "confirmed": "spam", "dismissed": "not spam"}
# On Discord the buttons say it themselves; the example is a number the list has ("#1" when it has one).
HOW_TO_ANSWER = "say “#{n} is spam” or “#{n} is fine”"
_BUTTON = re.compile(r"^chronicler:flag:(?P<id>\d{1,18}):(?P<status>[a-z]+)$")


@handlers.handler(
    "flags", "list", examples=["show today's flagged messages", "any flags for @spambot9 this week?"]
)
async def list_flags(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Show flagged messages with chatter, time, rule, text and your answer so far."""
    page = await api.flags(range=command.range, username=command.username, limit=FLAG_LIMIT)
    items = page.items
    when = said_range(page.range, command.range, ctx.language)
    who = ctx.say("from_chatter", who=escape_chat(command.username)) if command.username else ""
    if not items:
        return Reply.text(ctx.say("flags_none", who=who, when=when))
    ctx.flags_shown.show(tuple(flag.id for flag in items))
    fields = [_field(number, flag, ctx) for number, flag in enumerate(items, start=1)]
    how = HOW_TO_ANSWER.format(n=min(2, len(items)))
    footer = f"newest first; {how}"
    if page.next_cursor:
        footer = f"the newest {len(items)}; ask for a shorter range or one chatter to see others; {how}"
    title = ctx.say("flags_title", who=who, when=when)
    embed = Embed.listing(title, fields, footer=footer, colour=WARDEN_RED)
    # Only the flags the embed kept get buttons: a button for a flag nobody can see would be a trap.
    return Reply(embeds=(embed,), buttons=review_buttons(items[: min(len(embed.fields), BUTTON_FLAGS)]))


@handlers.handler(
    "flags",
    "review",
    examples=["#3 is spam", "2 is not spam", "that one's fine", "dismiss 2"],
)
async def review_flag(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Answer a flag of the last list: spam (the Warden learns it) or fine (it trusts the chatter)."""
    shown = ctx.flags_shown
    number: int | None
    if not shown.ids and shown.single is None:
        return Reply.text(ctx.say("flags_show_first"))
    if command.item is not None:
        if command.item > len(shown.ids):
            count = len(shown.ids)
            plural = "" if count == 1 else "s"
            return Reply.text(ctx.say("flag_no_such", count=count, s=plural, item=command.item))
        flag_id, number = shown.ids[command.item - 1], command.item
    elif shown.single is not None:
        flag_id = shown.single
        number = shown.ids.index(flag_id) + 1 if flag_id in shown.ids else None
    else:
        numbers = ", ".join(f"#{n}" for n in range(1, len(shown.ids) + 1))
        return Reply.text(ctx.say("flag_which_one", numbers=numbers))
    return await _answer(flag_id, number, command.verdict or "", ctx, api)


def review_buttons(flags: list[FlagOut]) -> tuple[Button, ...]:
    """'#1 spam' and '#1 fine' for each flag, numbered as listed, two flags a row."""
    buttons = []
    for number, flag in enumerate(flags[:BUTTON_FLAGS], start=1):
        row = (number - 1) // 2
        buttons.append(Button(f"#{number} spam", button_id(flag.id, "confirmed"), "danger", row))
        buttons.append(Button(f"#{number} fine", button_id(flag.id, "dismissed"), "secondary", row))
    return tuple(buttons)


def button_id(flag_id: int, status: str) -> str:
    """The custom_id of the button that answers `flag_id` with `status`."""
    return f"chronicler:flag:{flag_id}:{status}"


def is_review_button(custom_id: str) -> bool:
    """Whether `custom_id` is one of ours (`button_id`)."""
    match = _BUTTON.match(custom_id)
    return match is not None and match["status"] in REVIEW_STATUSES


async def press(custom_id: str, ctx: Context, api: StreamerApi) -> Reply:
    """A review button was pressed: answer its flag as the streamer who pressed it."""
    match = _BUTTON.match(custom_id)
    if match is None or match["status"] not in REVIEW_STATUSES:
        raise ValueError(f"not a review button: {custom_id!r}")
    flag_id = int(match["id"])
    number = ctx.flags_shown.ids.index(flag_id) + 1 if flag_id in ctx.flags_shown.ids else None
    return await _answer(flag_id, number, match["status"], ctx, api)


async def _answer(flag_id: int, number: int | None, status: str, ctx: Context, api: StreamerApi) -> Reply:
    """Send the answer; say what it was and what the Warden makes of it."""
    try:
        flag = await api.review_flag(flag_id, status)
    except ApiUserError as exc:
        if exc.code is ErrorCode.NOT_FOUND:
            return Reply.text(ctx.say("flag_gone"))
        raise
    ctx.flags_shown.single = flag.id  # "that one" now means this one
    which = f"#{number}" if number is not None else ctx.say("that_flag")
    who = escape_chat(flag.display_name or flag.chatter_login or "?")
    text = escape_chat(shorten(" ".join(flag.text.split()), 80), defang=True)
    key = "flag_marked_spam" if flag.status == "confirmed" else "flag_marked_fine"
    return Reply.text(ctx.say(key, which=which, who=who, text=text, login=escape_chat(flag.chatter_login)))


def _field(number: int, flag: FlagOut, ctx: Context) -> EmbedField:
    """'#1 · 20:14 · Display_Name · rule · to review' over the quoted message and the reason."""
    name = escape_chat(flag.display_name or flag.chatter_login or "?")
    login = flag.chatter_login
    if login and login.lower() != flag.display_name.lower():
        name += f" ({escape_chat(login)})"
    text = escape_chat(shorten(" ".join(flag.text.split()), TEXT_LIMIT), defang=True)
    value = f"> {text or '(empty)'}"
    if flag.reason:
        value += f"\n*{escape_chat(shorten(flag.reason, 200))}*"
    rule = escape_chat(flag.rule or "flagged")
    status = STATUS_WORDS.get(flag.status, escape_chat(flag.status))
    return EmbedField(f"#{number} · {ctx.time(flag.sent_at)} · {name} · {rule} · {status}", value)
