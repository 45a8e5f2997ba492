"""Endpoints only the Discord bot calls, authenticated by its service secret."""

from __future__ import annotations

from flask import Blueprint, Response

from chronicler.api import present
from chronicler.api.bodies import json_body
from chronicler.api.openapi import documented
from chronicler.api.responses import respond
from chronicler.api.security import bot_secret_required
from chronicler.api.services import services
from chronicler.contract.api import BotLinkBody, BotNoticesOut, BotTokenBody, BotTokenOut, UserOut
from chronicler.store.notices import take_linked_notices

bp = Blueprint("bot", __name__, url_prefix="/api/bot")


@bp.post("/link")
@bot_secret_required
@documented(
    "Link a Discord user to the streamer whose code they DMed",
    body=BotLinkBody,
    responses={200: UserOut, 409: None},
    auth="bot",
)
def link() -> Response:
    """The bot passes on the code; it never sees a password."""
    body = json_body(BotLinkBody)
    user = services().accounts.link_discord(body.code, body.discord_user_id)
    return respond(present.user(user))


@bp.post("/token")
@bot_secret_required
@documented(
    "A short-lived access token for a linked Discord user",
    body=BotTokenBody,
    responses={200: BotTokenOut, 404: None},
    auth="bot",
)
def token() -> Response:
    """404 `not_linked` when the Discord user has not linked an account yet."""
    body = json_body(BotTokenBody)
    user, access_token, expires_in = services().accounts.token_for_discord(body.discord_user_id)
    return respond(present.bot_token(user, access_token, expires_in))


@bp.get("/notices")
@bot_secret_required
@documented(
    "Notices of streamers with a linked Discord account, for the bot to DM now (each is returned once)",
    responses={200: BotNoticesOut},
    auth="bot",
)
def notices() -> Response:
    """At most 50, oldest first; notices of unlinked streamers wait for their next DM or console turn."""
    return respond(present.bot_notices(take_linked_notices(services().db)))
