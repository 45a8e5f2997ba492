"""Starting, stopping and checking on a chronicled stream, and what the streamer missed of it."""

from __future__ import annotations

from chronicler.bot import times
from chronicler.bot.api_client import ApiUserError
from chronicler.bot.context import Context
from chronicler.bot.handlers._modes import modes_on
from chronicler.bot.languages import count_messages
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Embed, EmbedField, Reply, escape_chat, shorten
from chronicler.bot.streamer_api import StreamerApi
from chronicler.bot.wording import count, duration, sentence
from chronicler.contract.api import RecapOut, SessionOut
from chronicler.contract.commands import Command
from chronicler.contract.errors import ErrorCode

handlers = Registry()


@handlers.handler(
    "session",
    "start",
    examples=["start chronicling tonight's stream", "start chronicling #pixel_wren, theme: speedruns"],
)
async def start(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Start chronicling your channel's chat."""
    try:
        session = await api.start_session(command.channel, command.theme)
    except ApiUserError as exc:
        if exc.code is ErrorCode.SESSION_ACTIVE:
            return await _already_running(ctx, api)
        if exc.code is ErrorCode.NO_CHANNEL:
            return Reply.text(
                "Which channel should I chronicle? Say “start chronicling #your_channel”, "
                "or set it once with “set my channel to your_channel”."
            )
        raise
    on = f" — {modes_on(session.modes, ctx.language)}" if session.modes else ""
    lines = [ctx.say("started", channel=session.channel, time=ctx.time(session.started_at), modes=on)]
    if session.theme:
        lines.append(f"Theme: {escape_chat(session.theme)}.")
    if session.modes.get("scribe"):
        lines.append(ctx.say("scribe_at_stop"))
    return Reply.text(" ".join(lines))


async def _already_running(ctx: Context, api: StreamerApi) -> Reply:
    """Which session runs already, when starting another was refused."""
    current = await api.current_session()
    where = f" #{current.channel} ({ctx.say('since', time=ctx.time(current.started_at))})" if current else ""
    return Reply.text(ctx.say("already_running", where=where))


@handlers.handler("session", "stop", examples=["stop chronicling", "we're done for tonight, stop"])
async def stop(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Stop chronicling; the Scribe then writes the ledger."""
    try:
        session = await api.end_session()
    except ApiUserError as exc:
        if exc.code is ErrorCode.NO_ACTIVE_SESSION:
            return Reply.text(ctx.say("nothing_to_stop"))
        raise
    # No message count here: the worker's last batch lands after the stop, and the ledger counts it.
    text = ctx.say("stopped", channel=session.channel, span=_when(session, ctx))
    if session.modes.get("scribe", True):
        text += " " + ctx.say("scribe_writing")
    return Reply.text(text)


@handlers.handler(
    "session", "status", examples=["are you chronicling?", "how long have I been live?", "session status"]
)
async def status(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Say whether a stream is being chronicled, for how long, and how it is going."""
    current = await api.current_session()
    if current is not None:
        text = ctx.say(
            "status_live",
            duration=_duration(current, ctx),
            channel=current.channel,
            time=ctx.time(current.started_at),
            messages=count_messages(current.message_count, ctx.language),
        )
        if current.last_chat_at:
            text += ctx.say("last_chat", time=ctx.time(current.last_chat_at))
        text += "."
        if current.modes:
            text += f" {sentence(modes_on(current.modes, ctx.language))}"
        if current.theme:
            text += f" Theme: {escape_chat(current.theme)}."
        return Reply.text(text)
    last = await _last_session(api)
    if last is None:
        return Reply.text(ctx.say("not_live_never"))
    return Reply.text(ctx.say("not_live_last", channel=last.channel, span=_span(last, ctx)))


@handlers.handler("session", "recap", examples=["what did I miss?", "how's chat doing?", "recap so far"])
async def recap(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Catch up on the stream being chronicled: chat so far, top chatters, flags and clip candidates."""
    found = await api.recap()
    if found is None:
        text = ctx.say("recap_none")
        last = await _last_session(api)
        if last is not None:
            text += " " + ctx.say("recap_offer_ledger", channel=last.channel, span=_span(last, ctx))
        return Reply.text(text)
    return Reply(embeds=(_recap_embed(found, ctx),))


TOP_SHOWN = 5
CLIPS_SHOWN = 3
RECAP_GOLD = 0xB7950B


def _recap_embed(found: RecapOut, ctx: Context) -> Embed:
    """The recap as one embed: numbers inline, then top chatters, flags and the newest clip candidates."""
    session = found.session
    fields = [
        EmbedField("Messages", f"{found.messages:,}", inline=True),
        EmbedField("Chatters", f"{found.chatters:,} ({found.new_chatters:,} new)", inline=True),
        EmbedField("Busiest minute", f"{found.peak_per_minute:,} messages", inline=True),
    ]
    if found.top_chatters:
        fields.append(
            EmbedField(
                "Most talkative",
                ", ".join(f"{escape_chat(c.login)} ({c.messages:,})" for c in found.top_chatters[:TOP_SHOWN]),
            )
        )
    flags = f"{count(found.flags, 'flag')}"
    if found.flags:
        flags += f", {found.flags_open:,} still to review — “show flags” to see them"
    fields.append(EmbedField("Warden", flags))
    clips = count(found.clip_candidates, "clip candidate")
    lines = [clips]
    lines += [
        f"{ctx.time(clip.start)} ({times.offset(clip.offset_seconds)}): "
        f"{escape_chat(shorten(clip.reason or 'chat lit up', 120))}"
        for clip in found.latest_clips[:CLIPS_SHOWN]
    ]
    fields.append(EmbedField("Librarian", "\n".join(lines)))
    said = []
    if found.steward_replies:
        said.append(f"the Steward answered {count(found.steward_replies, 'time')}")
    if found.hearthkeeper_prompts:
        said.append(f"the Hearthkeeper spoke up {count(found.hearthkeeper_prompts, 'time')}")
    if said:
        fields.append(EmbedField("In chat", sentence(" and ".join(said))))
    title = ctx.say("recap_title", channel=session.channel, duration=_duration(session, ctx))
    return Embed.listing(title, fields, colour=RECAP_GOLD)


async def _last_session(api: StreamerApi) -> SessionOut | None:
    """The most recent ended session, or None when none has ended."""
    recent = await api.sessions(status="ended", limit=1)
    return recent[0] if recent else None


def _duration(session: SessionOut, ctx: Context) -> str:
    """How long the session lasted (so far), as its ledger counts it: the API's figure when it sends one."""
    if session.duration_seconds is not None:
        return duration(session.duration_seconds)
    return times.duration(session.started_at, session.ended_at, ctx.now)


def _when(session: SessionOut, ctx: Context) -> str:
    """'20:03–23:10 (3 h 07 min)'."""
    return f"{ctx.time(session.started_at)}–{ctx.time(_end(session))} ({_duration(session, ctx)})"


def _span(session: SessionOut, ctx: Context) -> str:
    """'20:03–23:10 (3 h 07 min), 12,345 messages'."""
    return f"{_when(session, ctx)}, {count_messages(session.message_count, ctx.language)}"


def _end(session: SessionOut) -> str | None:
    """Where the span ends: the later of the end and the last chat, as the duration counts it (a replayed
    log's chat runs on its own clock, past the moment chronicling was stopped)."""
    ends = [
        (when, text) for text in (session.ended_at, session.last_chat_at) if (when := times.parse_time(text))
    ]
    return max(ends)[1] if ends else session.ended_at
