"""The audit trail of DMs, and notices waiting for the streamer's next DM."""

from __future__ import annotations

from flask import Blueprint, Response, g

from chronicler.api import present
from chronicler.api.bodies import json_body
from chronicler.api.openapi import documented, integer
from chronicler.api.params import query_int
from chronicler.api.responses import respond
from chronicler.api.security import login_required
from chronicler.api.services import services
from chronicler.contract.api import CreatedOut, InteractionBody, InteractionListOut, NoticeListOut
from chronicler.store.interactions import recent_interactions, record_interaction
from chronicler.store.notices import take_notices

bp = Blueprint("interactions", __name__, url_prefix="/api")


@bp.post("/interactions")
@login_required
@documented(
    "Record one DM: text, parser, model, raw output, command, retries, errors, latency, reply",
    body=InteractionBody,
    responses={201: CreatedOut},
    auth="bearer",
)
def record() -> Response:
    """The bot records every DM it answers for the streamer it answered."""
    body = json_body(InteractionBody)
    return respond(CreatedOut(id=record_interaction(services().db, g.user.id, body.model_dump())), 201)


@bp.get("/interactions")
@login_required
@documented(
    "Your recent DMs and how they were understood",
    responses={200: InteractionListOut},
    auth="bearer",
    query={"limit": integer("how many", low=1, high=200, default=20)},
)
def index() -> Response:
    """Newest first; only your own."""
    limit = query_int("limit", 20, low=1, high=200)
    return respond(present.interactions(recent_interactions(services().db, g.user.id, limit=limit)))


@bp.get("/notices")
@login_required
@documented("Notices waiting for you (each is returned once)", responses={200: NoticeListOut}, auth="bearer")
def notices() -> Response:
    """E.g. a broken ledger webhook; the bot appends them to its next reply."""
    return respond(present.notices(take_notices(services().db, g.user.id)))
