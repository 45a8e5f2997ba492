"""The ledger as a markdown document, the file the streamer gets after a stream."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TypeVar

from chronicler.domain.hearing import unheard_summary
from chronicler.domain.scribe import _clock
from chronicler.domain.scribe._text import safe
from chronicler.domain.scribe.activity import quiet_stretches
from chronicler.domain.scribe.data import AgentLine, LedgerData, ranked_clips
from chronicler.domain.scribe.notable import condense
from chronicler.domain.scribe.review import review_digest

# Caps keep a ledger readable whatever the database hands over; what is cut is counted, not hidden.
MAX_TOP_CHATTERS = 25
MAX_CLIPS = 50
MAX_SAMPLES_PER_CLIP = 5
MAX_EXAMPLES_PER_RULE = 5
MAX_AGENT_LINES_PER_MODE = 40
MAX_NOTABLE = 30
MAX_BLOG_SEEDS = 20

# Characters kept from one piece of untrusted text, before escaping.
EXAMPLE_CHARS = 200
AGENT_CHARS = 400
SEED_CHARS = 500
NAME_CHARS = 60

_T = TypeVar("_T")


def render_markdown(data: LedgerData) -> str:
    """The whole ledger as markdown; chat text is escaped just enough that chatters cannot format or ping."""
    sections = (
        _header(data),
        _numbers(data),
        _top_chatters(data),
        _clips(data),
        _flags(data),
        _agents(data),
        _notable(data),
        _blog_seeds(data),
        _quiet(data),
    )
    return "\n\n".join("\n".join(lines) for lines in sections if lines) + "\n"


def _header(data: LedgerData) -> list[str]:
    session = data.session
    zone = session.zone
    lines = [f"# Ledger · #{safe(session.channel, NAME_CHARS)}", ""]
    if session.theme:
        lines.append(f"**Theme:** {safe(session.theme, EXAMPLE_CHARS)}  ")
    lines.append(f"**Started:** {_clock.local_time(session.started_at, zone)}  ")
    if session.ended_at is None:
        lines.append("**Ended:** still live  ")
    else:
        lines.append(f"**Ended:** {_clock.local_time(session.ended_at, zone)}  ")
        lines.append(f"**Duration:** {_clock.duration(session.ended_at - session.started_at)}  ")
    lines.append(f"**Time zone:** {safe(session.timezone)} · session {session.id}")
    return lines


def _numbers(data: LedgerData) -> list[str]:
    numbers = data.numbers
    lines = ["## Numbers", ""]
    if numbers.messages == 0:
        lines.append("_No chat messages" + (" yet._" if data.session.ended_at is None else "._"))
    else:
        lines += [
            f"- Messages: {numbers.messages:,}",
            f"- Chatters: {numbers.chatters:,} ({numbers.first_time_chatters:,} first-time)",
            f"- Messages per minute: peak {numbers.peak_per_minute:,}, mean {numbers.mean_per_minute:,.1f}",
        ]
    unheard = data.unheard
    if unheard is not None:
        # The counts above miss whatever was said in the gaps: the streamer should know they are low.
        lines.append(f"- {unheard_summary(unheard.seconds, unheard.gaps, unheard.reasons)}")
    return lines


def _top_chatters(data: LedgerData) -> list[str]:
    if not data.top_chatters:
        return []
    lines = ["## Top chatters", ""]
    shown, hidden = _capped(data.top_chatters, MAX_TOP_CHATTERS)
    for rank, chatter in enumerate(shown, start=1):
        who = _who(chatter.login, chatter.display_name)
        lines.append(f"{rank}. {who}: {_count(chatter.messages, 'message')}")
    lines += _more(hidden, "chatters")
    return lines


def _clips(data: LedgerData) -> list[str]:
    lines = ["## Clip candidates", ""]
    if not data.clips:
        lines.append("_No clip candidates._")
        return lines
    start, zone = data.session.started_at, data.session.zone
    lines += ["Best first. Each one's time is how far into the stream (and the VOD) it starts.", ""]
    shown, hidden = _capped(ranked_clips(data.clips), MAX_CLIPS)
    for number, clip in enumerate(shown, start=1):
        kind = f" · {safe(clip.kind, NAME_CHARS)}" if clip.kind else ""
        lines += [
            f"### {number}. {_clock.offset(clip.start, start)} into the stream "
            f"({_clock.clock(clip.start, zone)}){kind} · score {clip.score:.2f}",
            "",
            f"Chat peaked at {_clock.offset(clip.marked_at, start)}; the window runs "
            f"{_clock.offset(clip.start, start)} – {_clock.offset(clip.end, start)}. "
            f"{safe(_without_kind(clip.reason, clip.kind), AGENT_CHARS)}",
        ]
        samples, more = _capped(clip.samples, MAX_SAMPLES_PER_CLIP)
        if samples:
            lines.append("")
            lines += [f"> {safe(sample, EXAMPLE_CHARS)}  " for sample in samples]
        lines += _more(more, "messages", prefix="> ")
        lines.append("")
    lines += _more(hidden, "clip candidates")
    return _trim(lines)


def _flags(data: LedgerData) -> list[str]:
    lines = ["## Flags", ""]
    if not data.flag_groups:
        lines.append("_Nothing was flagged._")
        return lines
    start = data.session.started_at
    total = sum(group.count for group in data.flag_groups)
    lines += [f"{_count(total, 'flag')} from {_count(len(data.flag_groups), 'rule')}.", ""]
    if data.review is not None:
        lines += [f"**Review:** {review_digest(data.review)}", ""]
    for group in sorted(data.flag_groups, key=lambda group: -group.count):
        lines += [f"### {safe(group.rule, NAME_CHARS)}: {group.count:,}", ""]
        examples, _ = _capped(group.examples, MAX_EXAMPLES_PER_RULE)
        for example in examples:
            score = "" if example.score is None else f", score {example.score:.2f}"
            lines.append(
                f"- {_clock.offset(example.at, start)} **{safe(example.login, NAME_CHARS)}**: "
                f"{safe(example.text, EXAMPLE_CHARS)} _({safe(example.reason, EXAMPLE_CHARS)}{score})_"
            )
        lines += _more(group.count - len(examples), "flags", prefix="- ")
        lines.append("")
    return _trim(lines)


def _agents(data: LedgerData) -> list[str]:
    lines = ["## What the Hearthkeeper and Steward said", ""]
    if not data.agent_lines:
        lines.append("_Neither said anything this session._")
        return lines
    start = data.session.started_at
    for mode, title in (("hearthkeeper", "Hearthkeeper"), ("steward", "Steward")):
        said = sorted((line for line in data.agent_lines if line.mode == mode), key=lambda line: line.at)
        if not said:
            continue
        lines += [f"### {title}: {_count(len(said), 'line')}", ""]
        shown, hidden = _capped(said, MAX_AGENT_LINES_PER_MODE)
        lines += [_agent_line(line, start) for line in shown]
        lines += _more(hidden, "lines", prefix="- ")
        lines.append("")
    return _trim(lines)


def _agent_line(line: AgentLine, start: datetime) -> str:
    text = f"- {_clock.offset(line.at, start)} {safe(line.text, AGENT_CHARS)}"
    if line.in_reply_to:
        text += f" _(replying to “{safe(line.in_reply_to, EXAMPLE_CHARS)}”)_"
    return text


def _notable(data: LedgerData) -> list[str]:
    if not data.notable:
        return []
    start = data.session.started_at
    lines = ["## Notable discussion", ""]
    condensed = condense(data.notable, MAX_NOTABLE)
    for line in condensed.lines:
        lines.append(
            f"- {_clock.offset(line.at, start)} _{safe(line.kind, NAME_CHARS)}_ "
            f"**{safe(line.login, NAME_CHARS)}**: {safe(line.text, EXAMPLE_CHARS)}"
        )
    more = data.notable_more + condensed.more
    repeats = data.notable_repeats + condensed.repeats
    if more or repeats:
        cut = []
        if more:
            cut.append(f"{more:,} more {'line' if more == 1 else 'lines'} after these")
        if repeats:
            cut.append(f"{_count(repeats, 'near-identical line')} folded into the first of each")
        lines.append(f"- _… and {', and '.join(cut)}_")
    return lines


def _blog_seeds(data: LedgerData) -> list[str]:
    if not data.blog_seeds:
        return []
    lines = ["## Blog seeds", ""]
    shown, hidden = _capped(data.blog_seeds, MAX_BLOG_SEEDS)
    lines += [
        f"- **{safe(seed.topic, EXAMPLE_CHARS)}**: {safe(seed.description, SEED_CHARS)}" for seed in shown
    ]
    lines += _more(hidden, "seeds", prefix="- ")
    return lines


def _quiet(data: LedgerData) -> list[str]:
    stretches = quiet_stretches(data.per_minute, data.quiet_minutes)
    if not stretches or data.numbers.messages == 0:
        return []
    lines = ["## Quiet stretches", ""]
    for first, after in stretches:
        span = _count(after - first, "minute")
        lines.append(f"- {_clock.minute_offset(first)} – {_clock.minute_offset(after)} ({span})")
    return lines


def _without_kind(reason: str, kind: str | None) -> str:
    """The reason without the "Funny: " it opens with, when the heading already names the kind."""
    head, colon, rest = reason.partition(":")
    if kind and colon and head.strip().casefold() == kind.casefold():
        return rest.strip()
    return reason


def _who(login: str, display_name: str) -> str:
    # Display names may differ from logins only in case; showing both then is noise.
    name = safe(display_name or login, NAME_CHARS)
    if display_name and display_name.lower() != login.lower():
        return f"**{name}** ({safe(login, NAME_CHARS)})"
    return f"**{name}**"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def _capped(items: Sequence[_T], cap: int) -> tuple[Sequence[_T], int]:
    return items[:cap], max(len(items) - cap, 0)


def _more(hidden: int, noun: str, *, prefix: str = "") -> Iterator[str]:
    if hidden > 0:
        yield f"{prefix}_… and {hidden:,} more {noun}_"


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1]:
        lines.pop()
    return lines
