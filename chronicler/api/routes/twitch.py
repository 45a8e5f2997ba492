"""Connecting Twitch ("connect twitch"): device flows begun here, run by the worker; grants shown, forgotten.

The API does not talk to Twitch itself: `POST /api/twitch/connect` queues a device flow, the worker
(`twitch.grants.GrantService`) asks Twitch for the code within a second, and this route waits for it
(`TWITCH_CONNECT_WAIT` seconds in the app config, 10 by default) to answer with the link and the code.
The worker then polls Twitch until the streamer has answered, keeps the grant encrypted and leaves a
notice, which the bot DMs at once. No answer ever carries a token.
"""

from __future__ import annotations

import time
from datetime import datetime

from flask import Blueprint, Response, current_app, g

from chronicler.api.bodies import json_body
from chronicler.api.openapi import choice, documented
from chronicler.api.responses import respond
from chronicler.api.security import login_required
from chronicler.api.services import services
from chronicler.config.settings import Settings
from chronicler.contract.api import TwitchConnectBody, TwitchConnectOut, TwitchGrantOut, TwitchStatusOut
from chronicler.contract.errors import Conflict, ErrorCode, Forbidden, NotFound, ServiceUnavailable
from chronicler.contract.logins import normalize_login
from chronicler.store.twitch_grants import ConnectRequest, Slot, TwitchGrant, TwitchGrants, token_cipher

bp = Blueprint("twitch", __name__, url_prefix="/api/twitch")

SCOPES: dict[str, list[str]] = {
    "bot": ["user:bot", "user:read:chat", "user:write:chat", "user:read:moderated_channels"],
    "broadcaster": ["channel:bot", "channel:manage:broadcast", "clips:edit"],
}
DEFAULT_WAIT = 10.0  # seconds for the worker to bring Twitch's code


def _settings() -> Settings:
    settings: Settings = current_app.config["SETTINGS"]
    return settings


def _grants() -> TwitchGrants | None:
    """The grants, or None when no key is set (then none can have been kept)."""
    key = _settings().token_encryption_key
    return TwitchGrants(services().db, token_cipher(key)) if key else None


def _grants_for_connecting() -> TwitchGrants:
    settings = _settings()
    grants = _grants()
    if not settings.twitch_client_id or grants is None:
        raise Conflict(
            "Twitch is not set up on this Chronicler: its operator registers an application at"
            " dev.twitch.tv and sets TWITCH_CLIENT_ID (see the README's Twitch section)",
            code=ErrorCode.CONFLICT,
        )
    return grants


def _grant_out(grant: TwitchGrant | None) -> TwitchGrantOut | None:
    if grant is None:
        return None
    return TwitchGrantOut(
        grant=grant.slot,
        login=grant.twitch_login,
        status="broken" if grant.broken else "connected",
        scopes=list(grant.scopes),
        validated_at=grant.validated_at.isoformat() if grant.validated_at else None,
    )


def _status(grants: TwitchGrants | None) -> TwitchStatusOut:
    return TwitchStatusOut(
        bot=_grant_out(grants.bot() if grants else None),
        broadcaster=_grant_out(grants.broadcaster(g.user.id) if grants else None),
        env_tokens=_settings().twitch_env_tokens,
    )


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


@bp.get("")
@login_required
@documented(
    "Which Twitch grants are connected (never their tokens)",
    responses={200: TwitchStatusOut, 503: None},
    auth="bearer",
)
def status() -> Response:
    """The bot account's grant and yours."""
    return respond(_status(_grants()))


@bp.post("/connect")
@login_required
@documented(
    "Connect Twitch: the link and code of a device flow (the worker polls; a notice says when done)",
    body=TwitchConnectBody,
    body_optional=True,
    responses={202: TwitchConnectOut, 403: None, 409: None, 503: None},
    auth="bearer",
)
def connect() -> Response:
    """Begin a device flow for the bot account or your channel."""
    body = json_body(TwitchConnectBody)
    grants = _grants_for_connecting()
    bot = grants.bot()
    slot: Slot = "bot" if body.grant == "bot" or (body.grant is None and bot is None) else "broadcaster"
    if slot == "bot" and bot is not None and not bot.broken and bot.user_id != g.user.id:
        raise Forbidden("the bot account was connected by another streamer here; only they can replace it")
    request = grants.request_connect(g.user.id, slot)
    shown = _wait_for_code(grants, request)
    if shown.status == "failed":
        raise ServiceUnavailable(shown.error or "Twitch did not start the connection; try again")
    if shown.user_code is None:
        grants.finish(request.id, "cancelled", "the Twitch worker did not answer")
        raise ServiceUnavailable(
            "the Twitch worker did not answer: is `chronicler twitch` (or `chronicler run`) running?"
        )
    out = TwitchConnectOut(
        grant=slot,
        status=shown.status,
        verification_uri=shown.verification_uri,
        user_code=shown.user_code,
        expires_at=_iso(shown.expires_at),
        scopes=SCOPES[slot],
    )
    return respond(out, 202)


def _wait_for_code(grants: TwitchGrants, request: ConnectRequest) -> ConnectRequest:
    wait = float(current_app.config.get("TWITCH_CONNECT_WAIT", DEFAULT_WAIT))
    deadline = time.monotonic() + wait
    while True:
        current = grants.request(request.id) or request
        if current.user_code is not None or current.status not in ("requested", "waiting"):
            return current
        if time.monotonic() >= deadline:
            return current
        time.sleep(0.05)


@bp.delete("/<grant>")
@login_required
@documented(
    "Disconnect Twitch: the grant is forgotten here and revoked at Twitch",
    responses={200: TwitchStatusOut, 403: None, 404: None},
    auth="bearer",
    path={"grant": choice("bot or broadcaster", ("bot", "broadcaster"))},
)
def disconnect(grant: str) -> Response:
    """Your channel's grant, or the bot account's (only by whoever connected it)."""
    if grant not in ("bot", "broadcaster"):
        raise NotFound("no such grant: say bot or broadcaster")
    grants = _grants()
    found = None if grants is None else grants.bot() if grant == "bot" else grants.broadcaster(g.user.id)
    if grants is None or found is None:
        raise NotFound(f"no Twitch {grant} grant is connected")
    if found.user_id != g.user.id:
        raise Forbidden("the bot account was connected by another streamer here; only they can disconnect it")
    grants.forget(found.id)
    return respond(_status(grants))


def require_channel_grant(user_id: int, channel: str | None) -> None:
    """Refuse a session on a channel its streamer has not proven with "connect twitch".

    Only when the worker reads live Twitch through stored grants: the manual `.env` setup (one streamer,
    trusted by its operator) and synthetic chat need no proof.
    """
    settings = _settings()
    if channel is None or not settings.twitch_configured or settings.twitch_env_tokens:
        return
    grants = _grants()
    login = normalize_login(channel)
    owner = grants.channel_owner(login) if grants else None
    if grants is not None and grants.bot() is None:
        raise Forbidden(
            "the bot account is not connected yet: DM me “connect the twitch bot account” and sign in to"
            " Twitch as the bot"
        )
    if owner is None:
        raise Forbidden(
            f"#{login} is not connected yet: DM me “connect twitch” and sign in to Twitch as #{login}",
        )
    if owner != user_id:
        raise Conflict(
            f"#{login} is another streamer's channel on this Chronicler; ask its operator",
            code=ErrorCode.CHANNEL_TAKEN,
            field="channel",
        )
