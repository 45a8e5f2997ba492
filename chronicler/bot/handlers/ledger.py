"""The Scribe's ledger of a session: shown here, or sent again to the streamer's webhook."""

from __future__ import annotations

from chronicler.bot.api_client import ApiUserError
from chronicler.bot.context import Context
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Reply, neutralise_mentions
from chronicler.bot.streamer_api import StreamerApi
from chronicler.contract.commands import Command
from chronicler.contract.errors import ErrorCode

handlers = Registry()

DEFAULT_SESSION = "last"  # the ledger is written when a session ends
_NAMES = {"current": "this session", "last": "the last session"}
LEDGER_MESSAGES = 2  # a longer ledger reads better as a file than as a wall of messages
_NO_SESSION = (ErrorCode.NO_SESSION, ErrorCode.NO_ACTIVE_SESSION)
_LAST_INSTEAD = "(Nothing is being chronicled right now, so I looked at the last session.)"


@handlers.handler("ledger", "show", examples=["show the ledger", "show the ledger of the last stream"])
async def show(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Show the Scribe's ledger of a session (as a file when it is long)."""
    ref = command.session or DEFAULT_SESSION
    try:
        ledger = await api.ledger(ref)
    except ApiUserError as exc:
        if exc.code is ErrorCode.NO_ACTIVE_SESSION and ref == "current":
            # "tonight's ledger?" just after "stop": the stream meant is the one that just ended.
            shown = await show(command.model_copy(update={"session": "last"}), ctx, api)
            return shown.with_notes([_LAST_INSTEAD])
        if exc.code in _NO_SESSION:
            return Reply.text(_no_session(ref))
        raise
    if ledger is None or not ledger.markdown.strip():
        return Reply.text(
            f"The Scribe has no ledger for {_NAMES[ref]} yet. It is written when a session ends."
        )
    # The Scribe quotes chat; its markdown is kept, but nobody gets pinged by it.
    markdown = neutralise_mentions(ledger.markdown)
    session_id = ledger.session_id
    return Reply.long_text(
        markdown,
        f"ledger-{session_id}.md",
        max_messages=LEDGER_MESSAGES,
        intro=f"Here is the ledger of session {session_id} (attached: it is long).",
    )


@handlers.handler(
    "ledger", "post", examples=["resend the ledger", "post the ledger of the last stream again"]
)
async def post(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Send a session's ledger again: to your webhook, or to the exports folder."""
    ref = command.session or DEFAULT_SESSION
    try:
        queued = await api.post_ledger(ref)
    except ApiUserError as exc:
        if exc.code in _NO_SESSION:
            return Reply.text(_no_session(ref))
        if exc.code is ErrorCode.NO_LEDGER:
            return Reply.text(f"The Scribe has no ledger for {_NAMES[ref]} yet, so there is nothing to send.")
        raise
    if queued.destination == "webhook":
        return Reply.text(f"Sending the ledger of {_NAMES[ref]} to your webhook now.")
    return Reply.text(
        f"You have no ledger webhook, so the ledger of {_NAMES[ref]} went to the exports folder. "
        "To get ledgers in Discord, say “set my webhook to <url>”."
    )


def _no_session(ref: str) -> str:
    """Why there is no ledger of `ref`: no session runs, or none has been chronicled."""
    if ref == "current":
        return "I'm not chronicling anything right now, so there is no current ledger."
    return (
        "No stream has been chronicled yet, so there is no ledger. Say “start chronicling” when you go live."
    )
