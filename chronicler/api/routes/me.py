"""The logged-in streamer's own profile and Discord link codes."""

from __future__ import annotations

from flask import Blueprint, Response, g

from chronicler.api import present
from chronicler.api.bodies import json_body
from chronicler.api.openapi import documented
from chronicler.api.responses import respond
from chronicler.api.security import login_required
from chronicler.api.services import services
from chronicler.contract.api import LinkCodeOut, ProfilePatch, UserOut

bp = Blueprint("me", __name__, url_prefix="/api")


@bp.get("/me")
@login_required
@documented("Your profile", responses={200: UserOut}, auth="bearer")
def show() -> Response:
    """The profile of the token's owner."""
    return respond(present.user(g.user))


@bp.patch("/me")
@login_required
@documented(
    "Change your Twitch channel, time zone (an IANA name; another: 400) or ledger webhook"
    " (null removes it: ledgers go to exports/)",
    body=ProfilePatch,
    responses={200: UserOut, 400: None, 409: None},
    auth="bearer",
)
def change() -> Response:
    """Only the fields present in the body change."""
    body = json_body(ProfilePatch)
    user = services().accounts.update_profile(g.user.id, body.model_dump(exclude_unset=True))
    return respond(present.user(user))


@bp.post("/link-codes")
@login_required
@documented(
    "A one-time code to link your Discord account (DM the bot `link <code>`)",
    responses={201: LinkCodeOut},
    auth="bearer",
)
def link_code() -> Response:
    """Valid for a few minutes, once."""
    code, expires_at = services().accounts.create_link_code(g.user.id)
    return respond(present.link_code(code, expires_at), 201)
