"""The domain's exceptions. User-input errors are kept apart from internal failures.

    ChroniclerError
    ├── UserError              the caller can fix it; the message is safe to show
    │   ├── InvalidInput       400  a value is malformed or out of range (`field` names it)
    │   ├── Unauthorized       401  no, bad, expired or revoked credentials
    │   ├── Forbidden          403  authenticated, but not allowed
    │   ├── NotFound           404  no such thing (or it is someone else's)
    │   ├── Conflict           409  the request clashes with the current state
    │   └── RateLimited        429  too many attempts; `retry_after` seconds
    └── ServiceUnavailable     503  a backing service (the database) is down; retry later

Anything else that escapes is a bug: the API answers 500 with a generic message and logs the trace.
"""

from __future__ import annotations


class ChroniclerError(Exception):
    """Base of every error the product raises on purpose."""

    status = 500
    code = "internal_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class UserError(ChroniclerError):
    """Something the caller can fix; the message is written for them."""

    status = 400
    code = "bad_request"


class InvalidInput(UserError):
    """A value is malformed or out of range."""

    status = 400
    code = "invalid_input"

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.field = field


class Unauthorized(UserError):
    """Missing, wrong, expired or revoked credentials."""

    status = 401
    code = "unauthorized"


class Forbidden(UserError):
    """Authenticated but not allowed to do this."""

    status = 403
    code = "forbidden"


class NotFound(UserError):
    """No such thing, or not one the caller may see."""

    status = 404
    code = "not_found"


class Conflict(UserError):
    """The request clashes with the current state (a duplicate, an already active session...)."""

    status = 409
    code = "conflict"


class RateLimited(UserError):
    """Too many attempts."""

    status = 429
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.retry_after = retry_after


class ServiceUnavailable(ChroniclerError):
    """A backing service is down; the request may succeed later."""

    status = 503
    code = "service_unavailable"
