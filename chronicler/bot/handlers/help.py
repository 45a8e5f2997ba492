"""What the bot can do, and what it says when it did not understand."""

from __future__ import annotations

from chronicler.bot import languages
from chronicler.bot.context import Context
from chronicler.bot.questions import localise
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Embed, Reply, neutralise_mentions
from chronicler.contract.commands import Command, HelpTopic

handlers = Registry()

DID_NOT_UNDERSTAND = "I didn't catch that. Say “help” to see what I can do."
HELP_TITLE = "What I can do"
HELP_FOOTER = "Ask in your own words: these are only examples."
# "what's the scribe?": help on one thing, in a sentence or two.
ABOUT: dict[HelpTopic, str] = {
    "warden": (
        "The warden sets aside chat messages that look like spam or scams for you to review. "
        "It never deletes anything or bans anyone."
    ),
    "librarian": (
        "The librarian spots the moments chat lit up (clip candidates) and notable discussion "
        "(blog ideas), for you to look at after the stream."
    ),
    "hearthkeeper": (
        "The hearthkeeper posts one gentle prompt in chat when it has been quiet for a while "
        "(15 minutes unless you change it)."
    ),
    "steward": (
        "The steward answers viewers who mention it or ask a question, a few times a minute at most, "
        "and keeps quiet while chat is busy."
    ),
    "scribe": (
        "The scribe writes the ledger after each stream: numbers, flags, clip candidates and a chart of "
        "chat, posted to your Discord webhook."
    ),
    "ledger": (
        "The ledger is the summary the scribe writes after each stream: numbers, flags, clip candidates "
        "and a chart of chat, posted to your Discord webhook."
    ),
    "webhook": "The webhook is the Discord address your ledgers are posted to after each stream.",
    "clips": (
        "Clip candidates are moments the librarian saw many chatters react to at once, best first, "
        "each with how far into the stream it happened."
    ),
    "flags": "Flags are chat messages the warden set aside as possible spam or scams, for you to review.",
    "blog": (
        "Blog ideas are stretches of chat the librarian kept because people talked about something at "
        "length: notable discussion, saved for you to read or write about after the stream."
    ),
}
MORE = "Say 'help' for what I can do."


@handlers.handler("help", None, examples=["help", "what can you do?", "what does the warden do?"])
async def show_help(command: Command, ctx: Context, api: object) -> Reply:
    """Show what I can do, with examples, or what one thing is."""
    if command.topic is not None:
        return Reply.text(f"{ABOUT[command.topic]} {MORE}")
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
