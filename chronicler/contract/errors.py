"""Every error the product raises on purpose, and the codes that carry them across process boundaries.

One tree for the whole product; each package's errors hang under the kind they are (⁺: the class also
derives from its package's base, so `except TwitchError` catches Twitch's errors and `except
ServiceUnavailable` catches every outage, whichever package it came from):

    ChroniclerError             500  on purpose, but nobody's input to fix: an internal failure
    ├── UserError               400  the caller can fix it; the message is safe to show; `field` names
    │   │                            the input at fault
    │   ├── InvalidInput        400  a value is malformed or out of range
    │   │   ├── BodyInvalid          api.bodies: a JSON body without the fields the endpoint takes (422)
    │   │   ├── BadWebhookURL        domain.webhook_urls: not a Discord webhook URL (`field` webhook_url)
    │   │   ├── InvalidWebhookURL⁺   scheduler.webhook: the same, met when posting (also a ValueError)
    │   │   ├── SettingsError        config: a setting is missing or malformed (`field`: its variable)
    │   │   ├── ConfigError⁺         domain.warden: an unusable Warden setting (`field`: blocked_terms...)
    │   │   ├── BadLineError⁺        domain.warden: an unusable JSONL line (`field`: the key at fault)
    │   │   └── InvalidChatMessage⁺  twitch: outbound chat text Twitch would refuse
    │   ├── Unauthorized        401  no, bad, expired or revoked credentials
    │   ├── Forbidden           403  authenticated, but not allowed
    │   ├── NotFound            404  no such thing (or it is someone else's)
    │   │   ├── UnknownChannel⁺      twitch: no Twitch channel has that login (`field` channel)
    │   │   └── WebhookGone⁺         scheduler.webhook: the streamer's webhook is gone (`field` webhook_url)
    │   ├── Conflict            409  the request clashes with the current state
    │   ├── RateLimited         429  too many attempts; `retry_after` seconds
    │   ├── ReplayError              twitch.replay: the file cannot be replayed as a chat log
    │   └── TwitchAuthError⁺         twitch: Twitch refused the app's or the bot's credentials or scopes
    ├── ServiceUnavailable      503  a backing service (the database, Twitch, Discord, the LLM) is down:
    │   │                            transient, the only kind `chronicler.runtime.backoff` retries
    │   ├── LLMUnavailable⁺          nlp.llm: no usable answer from the model endpoint; LLMTimeout below it
    │   ├── TwitchUnavailable⁺       twitch: unreachable, failing (5xx) or rate limiting (TwitchRateLimited)
    │   └── WebhookUnavailable⁺      scheduler.webhook: Discord kept failing, or rate limits for too long
    ├── LLMError                     nlp.llm: the model failed us; LLMRefused, LLMBadOutput, FormatUnsupported
    ├── WardenError                  domain.warden: the base of its ⁺ errors
    ├── TwitchError                  twitch: TwitchRequestRejected, SubscriptionRevoked, MalformedEvent,
    │                                SendOutcomeUnknown (a chat message may have gone out: never retried)
    ├── WebhookError                 scheduler.webhook: WebhookRejected (Discord refused this one message)
    ├── LedgerError                  domain.scribe: ledger data, or a stored ledger read back, is malformed
    ├── UniqueViolation              store: a duplicate that no caller turned into a Conflict naming it
    └── DemoFailed                   cli.demo: a step of the demo did not happen

`status` is what the API answers and `code` what it sends; an upstream service's own HTTP status is
kept apart as `http_status`. Anything else that escapes is a bug: the API answers 500 with a generic
message and logs the trace. The API sends `code` (an `ErrorCode`) with every error; the bot reads the
same enum, so a code is never a string matched on one side only.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """The machine-readable reason of an API error: `{"error": {"code": ..., "message": ...}}`."""

    # 400
    BAD_REQUEST = "bad_request"
    INVALID_INPUT = "invalid_input"
    VALIDATION_ERROR = "validation_error"
    INVALID_JSON = "invalid_json"
    INVALID_WEBHOOK_URL = "invalid_webhook_url"
    INVALID_LINK_CODE = "invalid_link_code"
    BAD_CHAT_LOG = "bad_chat_log"
    NO_SUCH_MODE = "no_such_mode"
    # 401
    UNAUTHORIZED = "unauthorized"
    MISSING_TOKEN = "missing_token"
    INVALID_TOKEN = "invalid_token"
    TOKEN_EXPIRED = "token_expired"
    TOKEN_REVOKED = "token_revoked"
    TOKEN_REUSED = "token_reused"
    INVALID_CREDENTIALS = "invalid_credentials"
    BAD_SERVICE_SECRET = "bad_service_secret"
    LINK_CODE_USED = "link_code_used"
    LINK_CODE_EXPIRED = "link_code_expired"
    # 403
    FORBIDDEN = "forbidden"
    REGISTRATION_CLOSED = "registration_closed"
    # 404
    NOT_FOUND = "not_found"
    NO_SUCH_ENDPOINT = "no_such_endpoint"
    NOT_LINKED = "not_linked"
    NO_SESSION = "no_session"
    NO_ACTIVE_SESSION = "no_active_session"
    NO_LEDGER = "no_ledger"
    # 405, 413, 415, 422
    METHOD_NOT_ALLOWED = "method_not_allowed"
    BODY_TOO_LARGE = "body_too_large"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    # 409
    CONFLICT = "conflict"
    SESSION_ACTIVE = "session_active"
    NO_CHANNEL = "no_channel"
    USERNAME_TAKEN = "username_taken"
    DISCORD_ALREADY_LINKED = "discord_already_linked"
    CHANNEL_TAKEN = "channel_taken"
    # 429
    RATE_LIMITED = "rate_limited"
    # 5xx
    INTERNAL_ERROR = "internal_error"
    SERVICE_UNAVAILABLE = "service_unavailable"
    HTTP_ERROR = "http_error"


class ChroniclerError(Exception):
    """Base of every error the product raises on purpose."""

    status = 500
    code: ErrorCode = ErrorCode.INTERNAL_ERROR

    def __init__(self, message: str, *, code: ErrorCode | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class UserError(ChroniclerError):
    """Something the caller can fix; the message is written for them, `field` names the input at fault."""

    status = 400
    code = ErrorCode.BAD_REQUEST

    def __init__(self, message: str, *, field: str | None = None, code: ErrorCode | None = None) -> None:
        super().__init__(message, code=code)
        self.field = field


class InvalidInput(UserError):
    """A value is malformed or out of range."""

    status = 400
    code = ErrorCode.INVALID_INPUT


class Unauthorized(UserError):
    """Missing, wrong, expired or revoked credentials."""

    status = 401
    code = ErrorCode.UNAUTHORIZED


class Forbidden(UserError):
    """Authenticated but not allowed to do this."""

    status = 403
    code = ErrorCode.FORBIDDEN


class NotFound(UserError):
    """No such thing, or not one the caller may see."""

    status = 404
    code = ErrorCode.NOT_FOUND


class Conflict(UserError):
    """The request clashes with the current state (a duplicate, an already active session...)."""

    status = 409
    code = ErrorCode.CONFLICT


class RateLimited(UserError):
    """Too many attempts."""

    status = 429
    code = ErrorCode.RATE_LIMITED

    def __init__(self, message: str, *, retry_after: int, code: ErrorCode | None = None) -> None:
        super().__init__(message, code=code)
        self.retry_after = retry_after


class ServiceUnavailable(ChroniclerError):
    """A backing service is down; the request may succeed later (the one transient kind)."""

    status = 503
    code = ErrorCode.SERVICE_UNAVAILABLE
