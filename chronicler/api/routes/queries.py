"""What the streamer asks about later: flags (and their answers on them), clips, blog seeds and stats."""

from __future__ import annotations

from flask import Blueprint, Response, g

from chronicler.api import present
from chronicler.api.bodies import json_body
from chronicler.api.openapi import choice, documented, integer, text
from chronicler.api.params import query_int, query_str
from chronicler.api.responses import respond
from chronicler.api.security import login_required
from chronicler.api.services import services
from chronicler.contract.api import BlogSeedPage, ClipPage, FlagOut, FlagPage, FlagReviewBody, StatsOut
from chronicler.contract.commands import RANGES
from chronicler.store import flag_reviews, queries, ranges

bp = Blueprint("queries", __name__, url_prefix="/api")

_RANGE = {"range": choice("default: current if live, else last (either with no such session: 404)", RANGES)}
_PAGING = {
    "limit": integer("how many", low=1, high=200, default=50),
    "cursor": text("next_cursor of the previous page (another value: 400)"),
}


def _window() -> ranges.Window:
    """The range the request names (`?range=`), resolved for the caller in their time zone."""
    return ranges.resolve(services().db, g.user.id, g.user.timezone, query_str("range"))


@bp.get("/flags")
@login_required
@documented(
    "Flagged messages for review",
    responses={200: FlagPage, 404: None},
    auth="bearer",
    query={**_RANGE, "username": text("only this chatter (a Twitch login)", max_length=64), **_PAGING},
)
def flags() -> Response:
    """Newest first."""
    window = _window()
    page = queries.list_flags(
        services().db,
        g.user.id,
        window,
        username=query_str("username", max_length=64),
        limit=query_int("limit", 50, low=1, high=200),
        cursor=query_str("cursor"),
    )
    return respond(present.flag_page(page, window))


@bp.patch("/flags/<int:flag_id>")
@login_required
@documented(
    "Answer a flag: confirmed (spam) or dismissed (not spam); the Warden learns from it",
    body=FlagReviewBody,
    responses={200: FlagOut, 404: None},
    auth="bearer",
)
def review_flag(flag_id: int) -> Response:
    """The same answer again changes nothing; the other one undoes what the first taught."""
    body = json_body(FlagReviewBody)
    flag = flag_reviews.review_flag(services().db, g.user.id, flag_id, body.status)
    return respond(present.flag(flag))


@bp.get("/clips")
@login_required
@documented(
    "Clip candidates", responses={200: ClipPage, 404: None}, auth="bearer", query={**_RANGE, **_PAGING}
)
def clips() -> Response:
    """Newest first, with offsets into their stream."""
    window = _window()
    page = queries.list_clips(
        services().db,
        g.user.id,
        window,
        limit=query_int("limit", 50, low=1, high=200),
        cursor=query_str("cursor"),
    )
    return respond(present.clip_page(page, window))


@bp.get("/blog-seeds")
@login_required
@documented(
    "Blog post ideas from recurring chat topics",
    responses={200: BlogSeedPage, 404: None},
    auth="bearer",
    query={**_RANGE, **_PAGING},
)
def blog_seeds() -> Response:
    """Newest first."""
    window = _window()
    page = queries.list_blog_seeds(
        services().db,
        g.user.id,
        window,
        limit=query_int("limit", 50, low=1, high=200),
        cursor=query_str("cursor"),
    )
    return respond(present.blog_seed_page(page, window))


@bp.get("/stats")
@login_required
@documented(
    "Chat numbers: messages, chatters, new chatters, peak and mean per minute, top chatters",
    responses={200: StatsOut, 404: None},
    auth="bearer",
    query=_RANGE,
)
def stats() -> Response:
    """Days are the streamer's days (their time zone)."""
    window = _window()
    return respond(present.stats(queries.chat_stats(services().db, g.user.id, window), window))
