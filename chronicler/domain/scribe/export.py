"""The ledger as JSON, to store it and to render it again later."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chronicler.domain.hearing import unheard_summary
from chronicler.domain.scribe import _clock
from chronicler.domain.scribe.activity import quiet_stretches
from chronicler.domain.scribe.data import (
    AgentLine,
    ChatterCount,
    FlagExample,
    FlagGroup,
    LedgerClip,
    LedgerData,
    LedgerNumbers,
    LedgerSeed,
    LedgerSession,
    NotableLine,
    UnheardChat,
)
from chronicler.domain.scribe.errors import LedgerError
from chronicler.domain.scribe.review import FlagReview, review_digest

FORMAT = "sanctum-chronicler/ledger"
VERSION = 1


def to_json(data: LedgerData) -> dict[str, Any]:
    """A JSON-ready dict of the ledger; times are ISO-8601 in the streamer's zone, with offsets.

    Besides the data it carries a few derived values for readers (offsets, quiet stretches);
    `from_json` ignores them.
    """
    document: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    document.update(_dump(data, data.session.zone))
    start = data.session.started_at
    for clip, dumped in zip(data.clips, document["clips"], strict=False):
        dumped["offset"] = _clock.offset(clip.start, start)
        dumped["peak_offset"] = _clock.offset(clip.marked_at, start)
    document["quiet_stretches"] = [
        {"from_minute": first, "to_minute": after}
        for first, after in quiet_stretches(data.per_minute, data.quiet_minutes)
    ]
    unheard = data.unheard
    if unheard is None:
        del document["unheard"]  # only a session with a gap says anything about one
    else:
        document["unheard"]["summary"] = unheard_summary(unheard.seconds, unheard.gaps, unheard.reasons)
    if data.review is None:
        del document["review"]  # only a session with flags has answers on them
    else:
        document["review"]["summary"] = review_digest(data.review)
    return document


def from_json(document: Mapping[str, Any]) -> LedgerData:
    """Read back a ledger written by `to_json`; raises LedgerError naming the first bad field."""
    root = _Reader(document, "ledger")
    if root.string("format") != FORMAT:
        raise LedgerError(f"ledger.format: expected {FORMAT!r}")
    if root.integer("version") != VERSION:
        raise LedgerError(f"ledger.version: this build reads version {VERSION} only")
    session = root.obj("session")
    numbers = root.obj("numbers")
    return LedgerData(
        session=LedgerSession(
            id=session.integer("id"),
            channel=session.string("channel"),
            theme=session.optional_string("theme"),
            started_at=session.time("started_at"),
            ended_at=session.optional_time("ended_at"),
            timezone=session.string("timezone"),
        ),
        numbers=LedgerNumbers(
            messages=numbers.integer("messages"),
            chatters=numbers.integer("chatters"),
            first_time_chatters=numbers.integer("first_time_chatters"),
            peak_per_minute=numbers.integer("peak_per_minute"),
            mean_per_minute=numbers.number("mean_per_minute"),
        ),
        per_minute=root.integers("per_minute"),
        quiet_minutes=root.integer("quiet_minutes"),
        top_chatters=tuple(
            ChatterCount(
                login=item.string("login"),
                display_name=item.string("display_name"),
                messages=item.integer("messages"),
            )
            for item in root.objs("top_chatters")
        ),
        clips=tuple(
            LedgerClip(
                start=item.time("start"),
                end=item.time("end"),
                score=item.number("score"),
                reason=item.string("reason"),
                samples=item.strings("samples"),
                peak=item.optional_time("peak"),
                kind=item.optional_string("kind"),
            )
            for item in root.objs("clips")
        ),
        flag_groups=tuple(
            FlagGroup(
                rule=group.string("rule"),
                count=group.integer("count"),
                examples=tuple(
                    FlagExample(
                        login=item.string("login"),
                        text=item.string("text"),
                        at=item.time("at"),
                        reason=item.string("reason"),
                        score=item.optional_number("score"),
                    )
                    for item in group.objs("examples")
                ),
            )
            for group in root.objs("flag_groups")
        ),
        agent_lines=tuple(
            AgentLine(
                mode=item.string("mode"),
                at=item.time("at"),
                text=item.string("text"),
                in_reply_to=item.optional_string("in_reply_to"),
            )
            for item in root.objs("agent_lines")
        ),
        notable=tuple(
            NotableLine(
                at=item.time("at"),
                login=item.string("login"),
                text=item.string("text"),
                kind=item.string("kind"),
            )
            for item in root.objs("notable")
        ),
        blog_seeds=tuple(
            LedgerSeed(topic=item.string("topic"), description=item.string("description"))
            for item in root.objs("blog_seeds")
        ),
        unheard=_unheard(root),
        review=_review(root),
        notable_more=root.optional_integer("notable_more"),
        notable_repeats=root.optional_integer("notable_repeats"),
    )


def _unheard(root: _Reader) -> UnheardChat | None:
    """The unheard chat, absent from ledgers without a gap (and from those written before gaps were kept)."""
    unheard = root.optional_obj("unheard")
    if unheard is None:
        return None
    return UnheardChat(
        seconds=unheard.number("seconds"), gaps=unheard.integer("gaps"), reasons=unheard.strings("reasons")
    )


def _review(root: _Reader) -> FlagReview | None:
    """The answers on the flags, absent from ledgers without flags (and from those written before)."""
    review = root.optional_obj("review")
    if review is None:
        return None
    return FlagReview(
        confirmed=review.integer("confirmed"),
        dismissed=review.integer("dismissed"),
        open=review.integer("open"),
    )


def _dump(value: Any, zone: ZoneInfo) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {field.name: _dump(getattr(value, field.name), zone) for field in fields(value)}
    if isinstance(value, datetime):
        return value.astimezone(zone).isoformat()
    if isinstance(value, tuple):
        return [_dump(item, zone) for item in value]
    return value


class _Reader:
    """Typed access to one JSON object, with errors that name the path of the bad field."""

    def __init__(self, value: Any, path: str) -> None:
        if not isinstance(value, Mapping):
            raise LedgerError(f"{path}: expected an object")
        self._value = value
        self._path = path

    def _get(self, key: str) -> Any:
        try:
            return self._value[key]
        except KeyError:
            raise LedgerError(f"{self._path}.{key}: missing") from None

    def _fail(self, key: str, expected: str) -> LedgerError:
        return LedgerError(f"{self._path}.{key}: expected {expected}")

    def string(self, key: str) -> str:
        value = self._get(key)
        if not isinstance(value, str):
            raise self._fail(key, "a string")
        return value

    def optional_string(self, key: str) -> str | None:
        return None if self._value.get(key) is None else self.string(key)

    def integer(self, key: str) -> int:
        value = self._get(key)
        # bool is an int to Python but never a count in a ledger.
        if not isinstance(value, int) or isinstance(value, bool):
            raise self._fail(key, "an integer")
        return value

    def optional_integer(self, key: str) -> int:
        """An integer that ledgers written before it existed lack: 0 then."""
        return 0 if self._value.get(key) is None else self.integer(key)

    def number(self, key: str) -> float:
        value = self._get(key)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise self._fail(key, "a number")
        return float(value)

    def optional_number(self, key: str) -> float | None:
        return None if self._value.get(key) is None else self.number(key)

    def time(self, key: str) -> datetime:
        value = self._get(key)
        try:
            parsed = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise self._fail(key, "an ISO-8601 time") from None
        if parsed.tzinfo is None:
            raise self._fail(key, "an ISO-8601 time with an offset")
        return parsed

    def optional_time(self, key: str) -> datetime | None:
        return None if self._value.get(key) is None else self.time(key)

    def obj(self, key: str) -> _Reader:
        return _Reader(self._get(key), f"{self._path}.{key}")

    def optional_obj(self, key: str) -> _Reader | None:
        return None if self._value.get(key) is None else self.obj(key)

    def _list(self, key: str) -> list[Any]:
        # Lists may be absent, so a ledger written before a section existed still reads.
        value = self._value.get(key, [])
        if not isinstance(value, list):
            raise self._fail(key, "a list")
        return value

    def objs(self, key: str) -> list[_Reader]:
        return [_Reader(item, f"{self._path}.{key}[{i}]") for i, item in enumerate(self._list(key))]

    def strings(self, key: str) -> tuple[str, ...]:
        items = self._list(key)
        if not all(isinstance(item, str) for item in items):
            raise self._fail(key, "a list of strings")
        return tuple(items)

    def integers(self, key: str) -> tuple[int, ...]:
        items = self._get(key)
        if not isinstance(items, list) or not all(
            isinstance(item, int) and not isinstance(item, bool) for item in items
        ):
            raise self._fail(key, "a list of integers")
        return tuple(items)
