"""Starting, ending and listing chronicled streams; injecting a chat message."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from flask import Blueprint, Response, current_app, g

from chronicler.api import present
from chronicler.api.bodies import json_body
from chronicler.api.openapi import choice, documented, integer
from chronicler.api.params import query_int, query_str
from chronicler.api.responses import respond
from chronicler.api.routes.twitch import require_channel_grant
from chronicler.api.security import login_required
from chronicler.api.services import services
from chronicler.contract.api import (
    DecisionOut,
    InjectMessageBody,
    RecapOut,
    SessionDetailOut,
    SessionListOut,
    StartSessionBody,
)
from chronicler.contract.errors import InvalidInput, ServiceUnavailable
from chronicler.contract.logins import normalize_login
from chronicler.domain.chat import BADGES, ChatMessage
from chronicler.pipeline import build_pipeline
from chronicler.store import flag_reviews, queries, ranges, sessions

bp = Blueprint("sessions", __name__, url_prefix="/api/sessions")


def _detail(session: sessions.StreamSession, status: int = 200) -> Response:
    """The session with the modes it runs with, as starting, ending and `current` answer it."""
    modes = sessions.session_modes(services().db, g.user.id, session.id)
    return respond(present.session_detail(session, modes), status)


@bp.post("")
@login_required
@documented(
    "Start chronicling a stream (409 when one is active)",
    body=StartSessionBody,
    body_optional=True,
    responses={201: SessionDetailOut, 409: None},
    auth="bearer",
)
def start() -> Response:
    """The channel defaults to the profile's Twitch channel."""
    body = json_body(StartSessionBody)
    require_channel_grant(g.user.id, body.channel or g.user.twitch_channel)  # proven by "connect twitch"
    session = sessions.start_session(
        services().db,
        g.user.id,
        channel=body.channel,
        default_channel=g.user.twitch_channel,
        theme=body.theme,
    )
    return _detail(session, 201)


@bp.post("/current/end")
@login_required
@documented("Stop chronicling the active stream", responses={200: SessionDetailOut, 404: None}, auth="bearer")
def end() -> Response:
    """The ledger is made when a session ends."""
    return _detail(sessions.end_session(services().db, g.user.id))


@bp.get("/current")
@login_required
@documented("The stream being chronicled", responses={200: SessionDetailOut, 404: None}, auth="bearer")
def current() -> Response:
    """404 `no_active_session` when none is."""
    return _detail(sessions.get_session(services().db, g.user.id, "current"))


@bp.get("/current/recap")
@login_required
@documented(
    "The stream being chronicled so far: numbers, top chatters, flags, clip candidates (404 when none is)",
    responses={200: RecapOut, 404: None},
    auth="bearer",
)
def recap() -> Response:
    """What the streamer missed: `no_active_session` when nothing is chronicled (the ledger has the rest)."""
    db = services().db
    session = sessions.get_session(db, g.user.id, "current")
    window = ranges.Window("current", session_id=session.id, start=session.started_at)
    numbers = queries.chat_stats(db, g.user.id, window, top=5)
    latest = queries.list_clips(db, g.user.id, window, limit=3, cursor=None)
    return respond(
        present.recap(
            session,
            sessions.session_modes(db, g.user.id, session.id),
            numbers,
            flag_reviews.review_counts(db, session.id),
            sessions.recap_counts(db, session.id),
            latest,
        )
    )


@bp.get("")
@login_required
@documented(
    "Your chronicled streams, newest first",
    responses={200: SessionListOut},
    auth="bearer",
    query={
        "status": choice("active or ended (default: both)", ("active", "ended")),
        "limit": integer("how many", low=1, high=100, default=20),
    },
)
def index() -> Response:
    """Only the caller's own sessions."""
    found = sessions.list_sessions(
        services().db, g.user.id, status=query_str("status"), limit=query_int("limit", 20, low=1, high=100)
    )
    return respond(present.sessions(found))


@bp.post("/current/messages")
@login_required
@documented(
    "Run one chat message through the pipeline of the active stream",
    body=InjectMessageBody,
    responses={201: DecisionOut, 404: None, 503: None},
    auth="bearer",
)
def inject() -> Response:
    """The same decoding, modes and storage as live chat (stateful detectors see only this message)."""
    body = json_body(InjectMessageBody)
    db = services().db
    session = sessions.get_session(db, g.user.id, "current")
    unknown = set(body.badges) - BADGES
    if unknown:
        raise InvalidInput(f"unknown badges {sorted(unknown)}; use {sorted(BADGES)}", field="badges")
    try:
        login = normalize_login(body.username)  # the one login rule, as live chat and replays use
    except ValueError as exc:
        raise InvalidInput(str(exc), field="username") from exc
    message = ChatMessage(
        message_id=body.message_id or f"injected-{secrets.token_hex(8)}",
        channel=session.channel,
        chatter_login=login,
        display_name=body.display_name or body.username,
        text=body.text,
        sent_at=datetime.now(UTC),
        badges=frozenset(body.badges),
        first_message=body.first_message,
    )
    pipeline = build_pipeline(
        db, session, bot_login=current_app.config["SETTINGS"].twitch_bot_login, watch_modes=False
    )
    decisions = pipeline.process(message)
    stored = pipeline.flush() == 1
    if pipeline.recorder.pending:  # held for a retry that this one-message pipeline will never make
        raise ServiceUnavailable("the database did not take the message; nothing was stored, send it again")
    verdict = decisions.verdict if decisions else None
    decision = DecisionOut(
        stored=stored,
        duplicate=not stored,
        flagged=verdict is not None,
        rule=verdict.rule if verdict else None,
        score=verdict.score if verdict else 0.0,
        reason=verdict.reason if verdict else None,
        reply=decisions.reply if decisions else None,
    )
    return respond(decision, 201)
