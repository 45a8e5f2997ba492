"""Store and account records as the contract's response models: the one place a record becomes a body.

Timestamps leave as `datetime.isoformat()` strings and the webhook URL masked (its token is a
credential); everything else is copied field by field, so a record that lacks a field the contract
needs fails here, loudly, rather than in the bot.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from chronicler.accounts import TokenPair
from chronicler.contract.api import (
    BlogSeedOut,
    BlogSeedPage,
    BotNoticeOut,
    BotNoticesOut,
    BotTokenOut,
    ChatterCountOut,
    ClipOut,
    ClipPage,
    FlagOut,
    FlagPage,
    InteractionListOut,
    InteractionOut,
    LedgerDocumentOut,
    LedgerOut,
    LinkCodeOut,
    ModeListOut,
    ModeOut,
    NoticeListOut,
    NoticeOut,
    RangeOut,
    RecapOut,
    SessionDetailOut,
    SessionListOut,
    SessionOut,
    StatsOut,
    TokenPairOut,
    UserOut,
    WardenSettings,
)
from chronicler.store.ledgers import Ledger
from chronicler.store.mode_settings import ModeSetting
from chronicler.store.queries import Page
from chronicler.store.ranges import Window
from chronicler.store.sessions import StreamSession
from chronicler.store.users import User, mask_webhook

Row = Mapping[str, Any]


def _time(value: datetime | None) -> str | None:
    """An optional timestamp as ISO 8601."""
    return value.isoformat() if value is not None else None


def user(record: User) -> UserOut:
    """The public profile: the webhook token masked, whether Discord is linked (never its id)."""
    return UserOut(
        id=record.id,
        username=record.username,
        twitch_channel=record.twitch_channel,
        timezone=record.timezone,
        webhook_url=mask_webhook(record.webhook_url),
        discord_linked=record.discord_user_id is not None,
        created_at=record.created_at.isoformat(),
    )


def token_pair(pair: TokenPair) -> TokenPairOut:
    """The OAuth-style body of a login or a refresh."""
    return TokenPairOut(
        access_token=pair.access_token,
        refresh_token=pair.refresh_token,
        token_type="Bearer",
        expires_in=pair.expires_in,
    )


def bot_token(record: User, access_token: str, expires_in: int) -> BotTokenOut:
    """An access token for the bot to act as a linked streamer, with the streamer's profile."""
    return BotTokenOut(
        access_token=access_token, token_type="Bearer", expires_in=expires_in, user=user(record)
    )


def link_code(code: str, expires_at: datetime) -> LinkCodeOut:
    """A one-time Discord link code and what to do with it."""
    return LinkCodeOut(
        code=code,
        expires_at=expires_at.isoformat(),
        instructions=f"DM the Chronicler bot on Discord: link {code}",
    )


def _session_fields(record: StreamSession) -> dict[str, Any]:
    """The fields every session body has."""
    return {
        "id": record.id,
        "channel": record.channel,
        "theme": record.theme,
        "status": record.status,
        "started_at": record.started_at.isoformat(),
        "ended_at": _time(record.ended_at),
        "end_reason": record.end_reason,
        "last_chat_at": _time(record.last_chat_at),
        "message_count": record.message_count,
        "duration_seconds": record.duration_seconds(datetime.now(UTC)),
    }


def session(record: StreamSession) -> SessionOut:
    """A session as listed."""
    return SessionOut(**_session_fields(record))


def session_detail(record: StreamSession, modes: dict[str, bool]) -> SessionDetailOut:
    """A session with the streamer's modes (on/off), for the replies that say which are on."""
    return SessionDetailOut(**_session_fields(record), modes=modes)


def sessions(records: Iterable[StreamSession]) -> SessionListOut:
    """Sessions, in the order given."""
    return SessionListOut(items=[session(r) for r in records])


def window(record: Window) -> RangeOut:
    """The range a query used."""
    return RangeOut(
        name=record.name,
        session_id=record.session_id,
        start=_time(record.start),
        end=_time(record.end),
    )


def flag(row: Row) -> FlagOut:
    """One flag (a row as `store.flag_reviews` reads it)."""
    return FlagOut(**row)


def flag_page(page: Page, used: Window) -> FlagPage:
    """A page of flags (rows as `store.queries` reads them)."""
    return FlagPage(
        items=[FlagOut(**row) for row in page.items], next_cursor=page.next_cursor, range=window(used)
    )


def clip_page(page: Page, used: Window) -> ClipPage:
    """A page of clip candidates."""
    return ClipPage(
        items=[ClipOut(**row) for row in page.items], next_cursor=page.next_cursor, range=window(used)
    )


def blog_seed_page(page: Page, used: Window) -> BlogSeedPage:
    """A page of blog seeds."""
    return BlogSeedPage(
        items=[BlogSeedOut(**row) for row in page.items], next_cursor=page.next_cursor, range=window(used)
    )


def stats(numbers: Row, used: Window) -> StatsOut:
    """Chat numbers over a range (`store.queries.chat_stats`), with the range they cover."""
    return StatsOut(
        range=window(used),
        messages=numbers["messages"],
        chatters=numbers["chatters"],
        new_chatters=numbers["new_chatters"],
        peak_per_minute=numbers["peak_per_minute"],
        mean_per_minute=numbers["mean_per_minute"],
        top_chatters=[ChatterCountOut(**chatter) for chatter in numbers["top_chatters"]],
    )


def mode(record: ModeSetting, live: Mapping[str, bool] | None = None) -> ModeOut:
    """One mode's saved settings, and whether it is on in the session being chronicled (`live`)."""
    return ModeOut(
        mode=record.mode,
        enabled=record.enabled,
        idle_minutes=record.idle_minutes,
        active_chat_threshold=record.active_chat_threshold,
        session_enabled=live.get(record.mode) if live is not None else None,
    )


def modes(records: Iterable[ModeSetting], live: Mapping[str, bool] | None = None) -> ModeListOut:
    """Every mode's settings, in the order given."""
    return ModeListOut(items=[mode(r, live) for r in records])


def recap(
    record: StreamSession,
    modes_on: dict[str, bool],
    numbers: Row,
    reviews: Mapping[str, int],
    counts: Mapping[str, int],
    clips: Page,
) -> RecapOut:
    """The session so far: its numbers (`chat_stats`), flags by answer, finds and what the modes said."""
    return RecapOut(
        session=session_detail(record, modes_on),
        messages=numbers["messages"],
        chatters=numbers["chatters"],
        new_chatters=numbers["new_chatters"],
        peak_per_minute=numbers["peak_per_minute"],
        top_chatters=[ChatterCountOut(**chatter) for chatter in numbers["top_chatters"]],
        flags=sum(reviews.values()),
        flags_open=reviews.get("open", 0),
        clip_candidates=counts["clip_candidates"],
        latest_clips=[ClipOut(**row) for row in clips.items],
        steward_replies=counts["steward_replies"],
        hearthkeeper_prompts=counts["hearthkeeper_prompts"],
    )


def warden(settings: Row) -> WardenSettings:
    """The Warden's lists (`store.warden_settings`)."""
    return WardenSettings(
        blocked_terms=list(settings["blocked_terms"]), allowed_domains=list(settings["allowed_domains"])
    )


def ledger(record: Ledger) -> LedgerOut:
    """A ledger's markdown and where its files are."""
    return LedgerOut(
        session_id=record.session_id,
        markdown=record.markdown,
        markdown_path=record.markdown_path,
        json_path=record.json_path,
        chart_path=record.chart_path,
    )


def ledger_document(record: Ledger, data: dict[str, Any]) -> LedgerDocumentOut:
    """A ledger with its JSON document."""
    return LedgerDocumentOut(**ledger(record).model_dump(), data=data)


def interactions(rows: Iterable[Row]) -> InteractionListOut:
    """Recorded DMs (rows as `store.interactions` reads them, timestamps already text)."""
    return InteractionListOut(items=[InteractionOut(**row) for row in rows])


def notices(rows: Iterable[Row]) -> NoticeListOut:
    """Notices for the streamer (`store.notices`)."""
    return NoticeListOut(items=[NoticeOut(**row) for row in rows])


def bot_notices(rows: Iterable[Row]) -> BotNoticesOut:
    """Notices for the bot to DM to linked streamers (`store.notices.take_linked_notices`)."""
    return BotNoticesOut(items=[BotNoticeOut(**row) for row in rows])
