"""Short-lived HS256 access tokens (JWT) with the algorithm pinned when decoding."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from chronicler.contract.errors import ErrorCode, Unauthorized

ALGORITHM = "HS256"
TOKEN_TYPE = "access"


@dataclass(frozen=True)
class AccessClaims:
    """The verified contents of an access token."""

    user_id: int
    jti: str
    expires_at: datetime


class AccessTokens:
    """Issues and verifies access tokens for one issuer and audience."""

    def __init__(
        self,
        secret: str,
        *,
        issuer: str,
        audience: str,
        ttl: timedelta = timedelta(minutes=15),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        if len(secret.encode()) < 32:
            raise ValueError("the JWT secret must be at least 32 bytes")
        self._secret = secret
        self.issuer = issuer
        self.audience = audience
        self.ttl = ttl
        self._clock = clock

    def issue(self, user_id: int) -> tuple[str, AccessClaims]:
        """A signed token for `user_id` and its claims."""
        now = self._clock()
        claims = AccessClaims(user_id=user_id, jti=secrets.token_hex(16), expires_at=now + self.ttl)
        payload = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": str(user_id),
            "iat": int(now.timestamp()),
            "exp": int(claims.expires_at.timestamp()),
            "jti": claims.jti,
            "typ": TOKEN_TYPE,
        }
        return jwt.encode(payload, self._secret, algorithm=ALGORITHM), claims

    def verify(self, token: str) -> AccessClaims:
        """The claims of a valid token; Unauthorized for anything else, with a reason."""
        try:
            header = jwt.get_unverified_header(token)
            if header.get("alg") != ALGORITHM:
                raise Unauthorized("token algorithm not accepted", code=ErrorCode.INVALID_TOKEN)
            payload = self._decode(token)
        except jwt.ExpiredSignatureError as exc:
            raise Unauthorized("token has expired", code=ErrorCode.TOKEN_EXPIRED) from exc
        except jwt.InvalidTokenError as exc:
            raise Unauthorized(f"token is not valid: {exc}", code=ErrorCode.INVALID_TOKEN) from exc
        if payload.get("typ") != TOKEN_TYPE:
            raise Unauthorized("not an access token", code=ErrorCode.INVALID_TOKEN)
        try:
            user_id = int(payload["sub"])
        except (TypeError, ValueError) as exc:
            raise Unauthorized("token subject is malformed", code=ErrorCode.INVALID_TOKEN) from exc
        return AccessClaims(
            user_id=user_id,
            jti=str(payload["jti"]),
            expires_at=datetime.fromtimestamp(payload["exp"], UTC),
        )

    def _decode(self, token: str) -> dict[str, Any]:
        """Verify signature, audience, issuer and required claims; expiry against the injected clock."""
        payload = jwt.decode(
            token,
            self._secret,
            algorithms=[ALGORITHM],  # pinned: 'none' and every other algorithm are refused
            audience=self.audience,
            issuer=self.issuer,
            options={"require": ["iss", "aud", "sub", "iat", "exp", "jti", "typ"], "verify_exp": False},
        )
        if not isinstance(payload.get("exp"), int | float):
            raise jwt.InvalidTokenError("exp must be a number")
        if payload["exp"] <= self._clock().timestamp():
            raise jwt.ExpiredSignatureError("Signature has expired")
        return payload
