"""What the bot can do, and what it says when it did not understand."""

from __future__ import annotations

from chronicler.bot import languages
from chronicler.bot.context import Context
from chronicler.bot.questions import localise
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Embed, Reply, neutralise_mentions
from chronicler.contract.commands import Command

handlers = Registry()

DID_NOT_UNDERSTAND = "I didn't catch that. Say “help” to see what I can do."
HELP_TITLE = "What I can do"
HELP_FOOTER = "Ask in your own words: these are only examples."


@handlers.handler("help", None, examples=["help", "what can you do?", "what does the warden do?"])
async def show_help(command: Command, ctx: Context, api: object) -> Reply:
    """Show what I can do, with examples, or what one thing is."""
    if command.topic is not None:
        # "what's the scribe?", "wie funktioniert der Warden?": that one thing, in the DM's language.
        return Reply.text(f"{ctx.say(f'about.{command.topic}')} {ctx.say('about_more')}")
    return Reply(embeds=(Embed(HELP_TITLE, ctx.registry.help_text(), footer=HELP_FOOTER),))


@handlers.handler("unknown", None)
async def not_understood(command: Command, ctx: Context, api: object) -> Reply:
    """Ask the parser's clarifying question, or point to the help."""
    if command.question:
        said = localise(command.question, ctx.language)
        # A question left in English gets its pointer in English too: one reply, one language.
        language = ctx.language if said != command.question else None
        question = neutralise_mentions(said)
        return Reply.text(f"{question}\n{languages.phrase('say_help', language)}")
    return Reply.text(ctx.say("not_understood"))
