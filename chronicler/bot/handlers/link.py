"""Linking a Discord account to a streamer with a one-time code (never a password)."""

from __future__ import annotations

from chronicler.bot.api_client import ApiUserError
from chronicler.bot.auth import LinkUnsupported
from chronicler.bot.context import Context
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Reply, escape_chat
from chronicler.bot.wording import sentence
from chronicler.contract.commands import Command
from chronicler.contract.errors import ErrorCode

handlers = Registry()

HOW_TO_GET_A_CODE = (
    "Get a one-time link code on the machine that runs the Chronicler with "
    "`chronicler link-code YOUR_USERNAME` (or, when you are logged in to the API, `POST /api/link-codes`), "
    "then DM me `link <code>`."
)
NOT_LINKED = "I don't know this Discord account yet. " + HOW_TO_GET_A_CODE
_CODE_PROBLEMS = {
    ErrorCode.INVALID_LINK_CODE: "That link code isn't valid — check for typos.",
    ErrorCode.LINK_CODE_USED: "That link code has been used already; codes work once.",
    ErrorCode.LINK_CODE_EXPIRED: "That link code has expired; codes last a few minutes.",
}


@handlers.handler("link", None, examples=["link ABCDE-FGH23"])
async def link(command: Command, ctx: Context, api: object) -> Reply:
    """Link this Discord account to your Chronicler account with a one-time code."""
    assert command.code is not None  # the contract requires it
    try:
        profile = await ctx.link(command.code)
    except LinkUnsupported:
        return Reply.text("This console is already signed in as you; link codes are for linking Discord.")
    except ApiUserError as exc:
        if exc.code in _CODE_PROBLEMS:
            return Reply.text(f"{_CODE_PROBLEMS[exc.code]} {HOW_TO_GET_A_CODE}")
        if exc.status == 400:
            return Reply.text(f"{sentence(exc.message)} {HOW_TO_GET_A_CODE}")
        raise
    text = f"Linked! This Discord account now speaks for **{escape_chat(profile.username)}**"
    if profile.twitch_channel:
        text += f" (#{profile.twitch_channel})"
    return Reply.text(text + ". Try “start chronicling”, or “help” to see what I can do.")
