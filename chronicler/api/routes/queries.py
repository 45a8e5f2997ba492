"""What the streamer asks about later: flags, clips, blog seeds and stats over a range."""

from __future__ import annotations

from flask import Blueprint, Response, g

from chronicler.api import present
from chronicler.api.openapi import documented
from chronicler.api.params import query_int, query_str
from chronicler.api.responses import respond
from chronicler.api.security import login_required
from chronicler.api.services import services
from chronicler.contract.api import BlogSeedPage, ClipPage, FlagPage, StatsOut
from chronicler.store import queries, ranges

bp = Blueprint("queries", __name__, url_prefix="/api")

_RANGE = {"range": "current, last, today, yesterday, week or all (default: current if live, else last)"}
_PAGING = {"limit": "1 to 200 (default 50)", "cursor": "next_cursor of the previous page"}


def _window() -> ranges.Window:
    """The range the request names (`?range=`), resolved for the caller in their time zone."""
    return ranges.resolve(services().db, g.user.id, g.user.timezone, query_str("range"))


@bp.get("/flags")
@login_required
@documented(
    "Flagged messages for review",
    responses={200: FlagPage},
    auth="bearer",
    query={**_RANGE, "username": "only this chatter", **_PAGING},
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


@bp.get("/clips")
@login_required
@documented("Clip candidates", responses={200: ClipPage}, auth="bearer", query={**_RANGE, **_PAGING})
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
    responses={200: BlogSeedPage},
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
    responses={200: StatsOut},
    auth="bearer",
    query=_RANGE,
)
def stats() -> Response:
    """Days are the streamer's days (their time zone)."""
    window = _window()
    return respond(present.stats(queries.chat_stats(services().db, g.user.id, window), window))
