"""A session's ledger: read it (markdown or JSON), or have it posted again."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, g

from chronicler.api import present
from chronicler.api.openapi import choice, documented, session_ref
from chronicler.api.params import query_str
from chronicler.api.responses import respond
from chronicler.api.security import login_required
from chronicler.api.services import services
from chronicler.contract.api import LedgerDocumentOut, LedgerOut, LedgerPostOut
from chronicler.contract.errors import Conflict, ErrorCode, InvalidInput
from chronicler.store import ledgers, sessions

bp = Blueprint("ledgers", __name__, url_prefix="/api/sessions")


@bp.get("/<ref>/ledger")
@login_required
@documented(
    "The ledger of a session (current, last or an id)",
    responses={200: (LedgerOut, LedgerDocumentOut), 400: None, 404: None},
    auth="bearer",
    query={
        "format": choice(
            "markdown (a LedgerOut) or json (a LedgerDocumentOut)", ("markdown", "json"), default="markdown"
        )
    },
    path={"ref": session_ref()},
)
def show(ref: str) -> Response:
    """Made when the session ended; made now when it has none; a live session gets a snapshot."""
    fmt = query_str("format") or "markdown"
    if fmt not in ("markdown", "json"):
        raise InvalidInput("format is markdown or json", field="format")
    export_path = current_app.config["SETTINGS"].export_path
    ledger = ledgers.get_ledger(services().db, g.user.id, ref, export_path)
    if fmt == "json":
        document = ledgers.ledger_document(services().db, ledger.session_id)
        return respond(present.ledger_document(ledger, document))
    return respond(present.ledger(ledger))


@bp.post("/<ref>/ledger/post")
@login_required
@documented(
    "Post the ledger again (to your webhook, or to exports/ without one)",
    responses={202: LedgerPostOut, 400: None, 404: None, 409: None},
    auth="bearer",
    path={"ref": session_ref()},
)
def post(ref: str) -> Response:
    """The scheduler delivers it within seconds; each request posts once more."""
    db = services().db
    session = sessions.get_session(db, g.user.id, ref)
    if session.active:
        raise Conflict(
            "the ledger is made when the session ends; stop chronicling first", code=ErrorCode.SESSION_ACTIVE
        )
    ledger = ledgers.get_ledger(db, g.user.id, str(session.id), current_app.config["SETTINGS"].export_path)
    ledgers.queue_delivery(db, ledger.id, g.user.id, again=True)
    where = ledgers.destination_of(db, g.user.id)
    return respond(LedgerPostOut(queued=True, destination=where), 202)
