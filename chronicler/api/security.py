"""Decorators for the two kinds of caller: a streamer with an access token, and the bot with its secret."""

from __future__ import annotations

import functools
import hmac
from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, g, request

from chronicler.api.services import services
from chronicler.contract.errors import ErrorCode, Unauthorized

F = TypeVar("F", bound=Callable[..., Any])


def login_required(view: F) -> F:
    """Require `Authorization: Bearer <access token>`; put the user on `g.user` and claims on `g.claims`."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized(
                "send an access token as 'Authorization: Bearer <token>'", code=ErrorCode.MISSING_TOKEN
            )
        g.user, g.claims = services().accounts.authenticate(token.strip())
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def bot_secret_required(view: F) -> F:
    """Require the bot's service secret in `X-Bot-Secret`, compared in constant time."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        expected = current_app.config["SETTINGS"].bot_api_secret
        given = request.headers.get("X-Bot-Secret", "")
        if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
            raise Unauthorized(
                "the bot service secret is missing or wrong", code=ErrorCode.BAD_SERVICE_SECRET
            )
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]
