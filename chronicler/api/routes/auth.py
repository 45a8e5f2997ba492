"""Registration, login, token refresh and logout."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, g, request

from chronicler.api import present
from chronicler.api.bodies import json_body
from chronicler.api.openapi import documented
from chronicler.api.responses import respond
from chronicler.api.security import login_required
from chronicler.api.services import services
from chronicler.contract.api import (
    Credentials,
    LogoutBody,
    OkOut,
    RefreshBody,
    RegisterBody,
    TokenPairOut,
    UserOut,
)
from chronicler.contract.errors import ErrorCode, Forbidden

bp = Blueprint("auth", __name__, url_prefix="/api")


@bp.post("/register")
@documented(
    "Create an account (only when ALLOW_REGISTRATION=true)",
    body=RegisterBody,
    responses={201: UserOut, 403: None, 409: None},
)
def register() -> Response:
    """Off by default: `chronicler user add` is the usual way to create accounts."""
    if not current_app.config["SETTINGS"].allow_registration:
        raise Forbidden(
            "registration is closed; ask the operator to run `chronicler user add`",
            code=ErrorCode.REGISTRATION_CLOSED,
        )
    body = json_body(RegisterBody)
    user = services().accounts.register(body.username, body.password, twitch_channel=body.twitch_channel)
    return respond(present.user(user), 201)


@bp.post("/login")
@documented(
    "Log in with username and password", body=Credentials, responses={200: TokenPairOut, 401: None, 429: None}
)
def login() -> Response:
    """Throttled per client address and, for failed attempts, per username."""
    body = json_body(Credentials)
    throttle = services().login_throttle
    attempt = throttle.begin(body.username, request.remote_addr or "unknown")
    failed = True
    try:
        _user, tokens = services().accounts.login(body.username, body.password)
        failed = False
    finally:
        # Anything but a success counts as failed: an error must not become a free guess.
        throttle.end(attempt, failed=failed)
    return respond(present.token_pair(tokens))


@bp.post("/token/refresh")
@documented(
    "Trade a refresh token for a new pair (the old one is spent)",
    body=RefreshBody,
    responses={200: TokenPairOut, 401: None},
)
def refresh() -> Response:
    """Rotation: each refresh token works once; a reused one revokes its whole family."""
    body = json_body(RefreshBody)
    return respond(present.token_pair(services().accounts.refresh(body.refresh_token)))


@bp.post("/logout")
@login_required
@documented(
    "Revoke this access token and, if given, the refresh token's family",
    body=LogoutBody,
    body_optional=True,
    responses={200: OkOut},
    auth="bearer",
)
def logout() -> Response:
    """The body is optional."""
    body = json_body(LogoutBody)
    services().accounts.logout(g.claims, body.refresh_token)
    return respond(OkOut(ok=True))
