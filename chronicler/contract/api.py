"""Request and response bodies of the API, as pydantic models: the one contract both sides use.

The API builds every JSON body it answers with as one of the `*Out` models below (and refuses to answer
with a model its route did not declare); the bot reads every answer back with the same model, and
error bodies as `ErrorOut`, whose `code` is an `ErrorCode`. The models also feed the OpenAPI document.
"""

from __future__ import annotations

from typing import Annotated, Any, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from chronicler.contract.commands import ModeScope, ReviewVerdict
from chronicler.contract.errors import ErrorCode


class Body(BaseModel):
    """A request body: strict types, so a number is never silently taken for a string."""

    model_config = ConfigDict(strict=True, extra="forbid")

    @field_validator("*")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        # PostgreSQL text cannot hold NUL, and no legitimate field needs one.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


class Credentials(Body):
    """Username and password (password rules are checked by the accounts service: 8 to 72 bytes)."""

    username: str = Field(max_length=256)
    password: str = Field(max_length=4096)


class RegisterBody(Credentials):
    """A new account."""

    twitch_channel: str | None = None


class RefreshBody(Body):
    """A refresh token to rotate."""

    refresh_token: str = Field(min_length=1, max_length=512)


class LogoutBody(Body):
    """Optionally the refresh token whose family to revoke too."""

    refresh_token: str | None = Field(default=None, max_length=512)


class ProfilePatch(Body):
    """Profile fields to change; null clears the channel or the webhook (`{"webhook_url": null}`:
    ledgers go to exports/ again). The time zone is an IANA name ("Europe/Berlin"); another is a 400."""

    twitch_channel: str | None = None
    timezone: str | None = None
    webhook_url: str | None = None


class BotLinkBody(Body):
    """The bot redeems a link code a streamer DMed it."""

    discord_user_id: str = Field(max_length=32)
    code: str = Field(max_length=64)


class BotTokenBody(Body):
    """The bot asks for an access token for a linked Discord user."""

    discord_user_id: str = Field(max_length=32)


class Out(BaseModel):
    """A response body: strict types both ways; unknown keys ignored, so an older bot reads a newer API."""

    model_config = ConfigDict(strict=True)


class ErrorDetail(Out):
    """What went wrong; `field` and `retry_after` are sent only when they say something."""

    # A string on the wire, not an ErrorCode: a code added by a newer API must still parse (see `error_code`).
    code: str = Field(description="An ErrorCode: " + ", ".join(ErrorCode))
    message: str
    field: str | None = None
    retry_after: int | None = None


class ErrorOut(Out):
    """Every error response: `{"error": {"code", "message", "field"?, "retry_after"?}}`."""

    error: ErrorDetail


# The code an error answer stands for when its body does not name one (an HTTP error of the framework,
# or a body from something in front of the API); the API uses the same table for werkzeug's errors.
STATUS_CODES: dict[int, ErrorCode] = {
    400: ErrorCode.BAD_REQUEST,
    401: ErrorCode.UNAUTHORIZED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    409: ErrorCode.CONFLICT,
    413: ErrorCode.BODY_TOO_LARGE,
    415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    422: ErrorCode.VALIDATION_ERROR,
    429: ErrorCode.RATE_LIMITED,
    500: ErrorCode.INTERNAL_ERROR,
    503: ErrorCode.SERVICE_UNAVAILABLE,
}


def status_code(status: int) -> ErrorCode:
    """The generic code of an HTTP error status (`http_error` for one without its own)."""
    return STATUS_CODES.get(status, ErrorCode.HTTP_ERROR)


def error_code(raw: str, status: int) -> ErrorCode:
    """`raw` as an ErrorCode; a code this side does not know yet falls back to its status's generic code."""
    try:
        return ErrorCode(raw)
    except ValueError:
        return status_code(status)


class HealthOut(Out):
    """Service health."""

    status: str
    database: str


class TokenPairOut(Out):
    """A new access token and its refresh token."""

    access_token: str
    refresh_token: str
    token_type: str = "Bearer"
    expires_in: int


class UserOut(Out):
    """A streamer's profile (the webhook token masked)."""

    id: int
    username: str
    twitch_channel: str | None
    timezone: str
    webhook_url: str | None
    discord_linked: bool
    created_at: str


class LinkCodeOut(Out):
    """A one-time code to DM to the bot as `link <code>`."""

    code: str
    expires_at: str
    instructions: str


class BotTokenOut(Out):
    """A short-lived access token for a linked streamer."""

    access_token: str
    token_type: str = "Bearer"
    expires_in: int
    user: UserOut


class OkOut(Out):
    """A plain acknowledgement."""

    ok: bool = True


class StartSessionBody(Body):
    """Start chronicling; the channel defaults to the profile's."""

    channel: str | None = Field(default=None, max_length=64)
    theme: str | None = Field(default=None, max_length=200)


class SessionOut(Out):
    """A chronicled stream, as listed."""

    id: int
    channel: str
    theme: str | None
    status: str
    started_at: str
    ended_at: str | None
    end_reason: str | None
    last_chat_at: str | None
    message_count: int
    # As the ledger counts it: to the later of the end and the last chat (the stream's own clock),
    # to now while live. None only from an API older than this field.
    duration_seconds: int | None = None


class SessionDetailOut(SessionOut):
    """A chronicled stream with the streamer's modes (what starting, ending and `current` answer)."""

    modes: dict[str, bool]


class SessionListOut(Out):
    """Sessions, newest first (without their modes)."""

    items: list[SessionOut]


class InjectMessageBody(Body):
    """One chat message to run through the pipeline (for tests and manual checks)."""

    username: str = Field(min_length=1, max_length=64)
    text: str = Field(min_length=1, max_length=500)
    display_name: str | None = Field(default=None, max_length=64)
    badges: list[str] = Field(default_factory=list, max_length=10)
    first_message: bool = False
    message_id: str | None = Field(default=None, max_length=64)


class DecisionOut(Out):
    """What the modes made of an injected message."""

    stored: bool
    duplicate: bool
    flagged: bool
    rule: str | None
    score: float
    reason: str | None
    reply: str | None


class RangeOut(Out):
    """The range a query used."""

    name: str
    session_id: int | None
    start: str | None
    end: str | None


class FlagOut(Out):
    """A flagged message."""

    id: int
    session_id: int
    message_id: str
    chatter_login: str
    display_name: str
    text: str
    sent_at: str
    rule: str
    score: float
    reason: str
    status: str = Field(description="open, confirmed (spam) or dismissed (not spam)")
    reviewed_at: str | None = None  # when the streamer answered; None while open


# The streamer's answer on a flag: spam ("confirmed") or not ("dismissed"), as commands name it too.
REVIEW_STATUSES: tuple[str, ...] = get_args(ReviewVerdict)


class FlagReviewBody(Body):
    """Your answer on one flag: confirmed (spam: the Warden learns its pattern) or dismissed (not spam)."""

    # A plain string on the wire, so another word is the API's 400 naming `status`, not a 422.
    status: str = Field(max_length=40, json_schema_extra={"enum": list(REVIEW_STATUSES)})


class FlagPage(Out):
    """Flags, newest first."""

    items: list[FlagOut]
    next_cursor: str | None
    range: RangeOut


class ClipOut(Out):
    """A clip candidate (fields in the order the API has always sent them)."""

    id: int
    session_id: int
    score: float
    reason: str
    samples: list[str]
    offset_seconds: int
    start: str
    end: str
    # Added with issue 20 (optional, so an older API's answers still read): where chat peaked, and the
    # kind of reaction. Null for candidates stored before the Chronicler kept them (peak_at), or whose
    # reason names no kind.
    peak_at: str | None = Field(
        default=None, description="where chat peaked (ISO 8601); null for older candidates"
    )
    kind: str | None = Field(
        default=None, description="funny, hype, shock, sad or wholesome; null when not recorded"
    )


class ClipPage(Out):
    """Clip candidates, newest first."""

    items: list[ClipOut]
    next_cursor: str | None
    range: RangeOut


class BlogSeedOut(Out):
    """A proposed blog post."""

    id: int
    session_id: int
    topic: str
    description: str
    related_count: int
    created_at: str


class BlogSeedPage(Out):
    """Blog seeds, newest first."""

    items: list[BlogSeedOut]
    next_cursor: str | None
    range: RangeOut


class ChatterCountOut(Out):
    """A chatter and how many messages they sent."""

    login: str
    messages: int


class StatsOut(Out):
    """Chat numbers over a range."""

    range: RangeOut
    messages: int
    chatters: int
    new_chatters: int
    peak_per_minute: int
    mean_per_minute: float
    top_chatters: list[ChatterCountOut]


class ModeOut(Out):
    """One mode's settings."""

    mode: str
    enabled: bool = Field(description="the saved setting: what every session starts with")
    idle_minutes: int
    active_chat_threshold: int
    session_enabled: bool | None = Field(
        default=None,
        description="on or off in the session being chronicled (a change for tonight, else the saved "
        "setting); null when no session is",
    )


MODE_SCOPES: tuple[str, ...] = get_args(ModeScope)


class ModeListOut(Out):
    """All five modes."""

    items: list[ModeOut]


class ModePatch(Body):
    """Mode settings to change: from now on (`scope` always, the default: the saved setting, and the
    session being chronicled at once), or for tonight only (`scope` tonight: `enabled` in the session
    being chronicled; the next session starts from the saved setting)."""

    enabled: bool | None = None
    idle_minutes: int | None = None
    active_chat_threshold: int | None = None
    # A plain string on the wire, so another word is the API's 400 naming `scope`, not a 422.
    scope: str | None = Field(default=None, max_length=40, json_schema_extra={"enum": [*MODE_SCOPES, None]})


class RecapOut(Out):
    """The session being chronicled so far: its numbers, flags, clip candidates, what the modes said."""

    session: SessionDetailOut
    messages: int
    chatters: int
    new_chatters: int
    peak_per_minute: int
    top_chatters: list[ChatterCountOut]
    flags: int
    flags_open: int = Field(description="flags still to review")
    clip_candidates: int
    latest_clips: list[ClipOut] = Field(description="the newest clip candidates, at most 3")
    steward_replies: int
    hearthkeeper_prompts: int


class InteractionBody(Body):
    """One DM for the audit trail, as the bot recorded it."""

    text: str = Field(max_length=8000)
    parser: str = Field(max_length=20)
    model: str | None = Field(default=None, max_length=200)
    raw_output: str | None = Field(default=None, max_length=20000)
    command: dict[str, Any] | None = None
    retries: int = Field(default=0, ge=0, le=100)
    errors: list[str] = Field(default_factory=list, max_length=50)
    latency_ms: float = Field(default=0.0, ge=0)
    reply: str = Field(default="", max_length=8000)
    fell_back: bool = False  # the LLM failed and the built-in parser answered
    # The model's raw answer to each attempt, in order (raw_output is the last).
    attempts: list[Annotated[str, Field(max_length=20000)]] = Field(default_factory=list, max_length=5)


class InteractionOut(Out):
    """A recorded DM."""

    id: int
    text: str
    parser: str
    model: str | None
    raw_output: str | None
    command: dict[str, Any] | None
    retries: int
    errors: list[str]
    latency_ms: float
    reply: str
    created_at: str
    fell_back: bool = False
    attempts: list[str] = Field(default_factory=list)


class InteractionListOut(Out):
    """Recent DMs, newest first."""

    items: list[InteractionOut]


class CreatedOut(Out):
    """The id of what was created."""

    id: int


class NoticeOut(Out):
    """A message the product left for the streamer."""

    text: str
    created_at: str


class NoticeListOut(Out):
    """Notices not shown before (now marked as shown)."""

    items: list[NoticeOut]


class BotNoticeOut(NoticeOut):
    """A notice for the bot to DM to the streamer's linked Discord account."""

    discord_user_id: str


class BotNoticesOut(Out):
    """Notices of linked streamers, oldest first (now marked as shown)."""

    items: list[BotNoticeOut]


class LedgerOut(Out):
    """A session's ledger: the markdown, and where its files are (none for a live session's snapshot)."""

    session_id: int
    markdown: str
    markdown_path: str | None
    json_path: str | None
    chart_path: str | None


class LedgerDocumentOut(LedgerOut):
    """A ledger with its JSON document (`?format=json`)."""

    data: dict[str, Any]


class LedgerPostOut(Out):
    """A posting of the ledger was queued."""

    queued: bool
    destination: str


class WardenSettings(Out):
    """Your Warden's blocked terms (with * wildcards) and allowed domains (your own sites)."""

    blocked_terms: list[str]
    allowed_domains: list[str]


class WardenPatch(Body):
    """Replace either list."""

    blocked_terms: list[str] | None = Field(default=None, max_length=200)
    allowed_domains: list[str] | None = Field(default=None, max_length=200)


class TwitchConnectBody(Body):
    """Which grant to connect: the bot account (once per installation) or your channel (default: the
    bot when none is connected yet, else your channel)."""

    grant: str | None = Field(default=None, pattern="^(bot|broadcaster)$")


class TwitchConnectOut(Out):
    """A device flow begun: open `verification_uri`, enter `user_code`; a notice says when it is done."""

    grant: str
    status: str  # waiting (the code is shown), or failed
    verification_uri: str | None
    user_code: str | None
    expires_at: str | None
    scopes: list[str]
    error: str | None = None


class TwitchGrantOut(Out):
    """One connected grant; never its tokens."""

    grant: str
    login: str
    status: str  # connected, or broken (refused by Twitch: connect again)
    scopes: list[str]
    validated_at: str | None


class TwitchStatusOut(Out):
    """The installation's bot grant and your broadcaster grant, as far as they are connected."""

    bot: TwitchGrantOut | None
    broadcaster: TwitchGrantOut | None
    env_tokens: bool  # the manual one-streamer setup (.env) is in use
