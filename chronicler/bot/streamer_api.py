"""The API as one streamer sees it: typed calls that carry their token and renew it once on a 401.

Every answer is read with the contract's model for that endpoint (`chronicler.contract.api`), the
one the API builds it with; a body that does not fit is a `ContractMismatch`, never a KeyError later.
"""

from __future__ import annotations

from chronicler.bot.api_client import ApiClient, ApiUserError, JsonObject, M, TokenRejected
from chronicler.bot.auth import TokenSource
from chronicler.contract.api import (
    BlogSeedPage,
    ClipPage,
    CreatedOut,
    FlagOut,
    FlagPage,
    FlagReviewBody,
    LedgerOut,
    LedgerPostOut,
    ModeListOut,
    ModeOut,
    NoticeListOut,
    RecapOut,
    SessionDetailOut,
    SessionListOut,
    SessionOut,
    StatsOut,
    TwitchConnectOut,
    TwitchStatusOut,
    UserOut,
)
from chronicler.contract.errors import ErrorCode


class StreamerApi:
    """What handlers call; every method is one endpoint of the API (errors as in `bot.api_client`)."""

    def __init__(self, client: ApiClient, tokens: TokenSource) -> None:
        self._client = client
        self._tokens = tokens

    async def call(
        self,
        model: type[M],
        method: str,
        path: str,
        *,
        json_body: JsonObject | None = None,
        params: dict[str, str | int | None] | None = None,
    ) -> M:
        """One authenticated request read as `model`; on a refused token, a fresh one and a single retry."""
        query = {k: v for k, v in (params or {}).items() if v is not None} or None
        token = await self._tokens.token()
        try:
            return await self._client.fetch(
                model, method, path, token=token, json_body=json_body, params=query
            )
        except TokenRejected:
            token = await self._tokens.token(rejected=token)
            return await self._client.fetch(
                model, method, path, token=token, json_body=json_body, params=query
            )

    # -- profile ------------------------------------------------------------------------------

    async def me(self) -> UserOut:
        """The streamer's profile (timezone, channel, masked webhook)."""
        return await self.call(UserOut, "GET", "/api/me")

    async def update_me(self, **changes: str | None) -> UserOut:
        """Change profile fields (None clears the channel or the webhook); the updated profile."""
        return await self.call(UserOut, "PATCH", "/api/me", json_body=changes)

    async def remove_webhook(self) -> UserOut:
        """Forget the ledger webhook (`PATCH /api/me {"webhook_url": null}`); the updated profile."""
        return await self.update_me(webhook_url=None)

    async def set_timezone(self, timezone: str) -> UserOut:
        """Set the IANA time zone; ApiUserError 400 (field `timezone`) for one the API does not know."""
        return await self.update_me(timezone=timezone)

    # -- sessions -----------------------------------------------------------------------------

    async def start_session(self, channel: str | None = None, theme: str | None = None) -> SessionDetailOut:
        """Start chronicling; ApiUserError `session_active` or `no_channel` when it cannot."""
        body = {k: v for k, v in {"channel": channel, "theme": theme}.items() if v is not None}
        return await self.call(SessionDetailOut, "POST", "/api/sessions", json_body=body)

    async def end_session(self) -> SessionDetailOut:
        """Stop chronicling; ApiUserError `no_active_session` when nothing runs."""
        return await self.call(SessionDetailOut, "POST", "/api/sessions/current/end")

    async def current_session(self) -> SessionDetailOut | None:
        """The active session, or None."""
        try:
            return await self.call(SessionDetailOut, "GET", "/api/sessions/current")
        except ApiUserError as exc:
            if exc.code is ErrorCode.NO_ACTIVE_SESSION:
                return None
            raise

    async def recap(self) -> RecapOut | None:
        """The active session so far (numbers, flags, clip candidates), or None when none is active."""
        try:
            return await self.call(RecapOut, "GET", "/api/sessions/current/recap")
        except ApiUserError as exc:
            if exc.code is ErrorCode.NO_ACTIVE_SESSION:
                return None
            raise

    async def sessions(self, *, status: str | None = None, limit: int | None = None) -> list[SessionOut]:
        """Sessions, newest first."""
        found = await self.call(
            SessionListOut, "GET", "/api/sessions", params={"status": status, "limit": limit}
        )
        return found.items

    # -- what the modes found -------------------------------------------------------------------

    async def flags(
        self, *, range: str | None = None, username: str | None = None, limit: int | None = None
    ) -> FlagPage:
        """Flagged messages: items, next_cursor and the range used."""
        params = {"range": range, "username": username, "limit": limit}
        return await self.call(FlagPage, "GET", "/api/flags", params=params)

    async def review_flag(self, flag_id: int, status: str) -> FlagOut:
        """Answer a flag, `confirmed` (spam) or `dismissed` (not spam); the flag as it now is."""
        body = FlagReviewBody(status=status).model_dump()
        return await self.call(FlagOut, "PATCH", f"/api/flags/{flag_id}", json_body=body)

    async def clips(self, *, range: str | None = None, limit: int | None = None) -> ClipPage:
        """Clip candidates: items, next_cursor and the range used."""
        return await self.call(ClipPage, "GET", "/api/clips", params={"range": range, "limit": limit})

    async def blog_seeds(self, *, range: str | None = None) -> BlogSeedPage:
        """Blog post ideas: items, next_cursor and the range used."""
        return await self.call(BlogSeedPage, "GET", "/api/blog-seeds", params={"range": range})

    async def stats(self, *, range: str | None = None) -> StatsOut:
        """Chat statistics for a range."""
        return await self.call(StatsOut, "GET", "/api/stats", params={"range": range})

    # -- modes ----------------------------------------------------------------------------------

    async def modes(self) -> list[ModeOut]:
        """Every mode and its settings."""
        return (await self.call(ModeListOut, "GET", "/api/modes")).items

    async def update_mode(
        self,
        mode: str,
        *,
        enabled: bool | None = None,
        idle_minutes: int | None = None,
        scope: str | None = None,
    ) -> ModeOut:
        """Turn a mode on or off (from now on, or `scope="tonight"`: the live session only), or change
        its idle time; the updated mode. Tonight with no live session: ApiUserError no_active_session."""
        wanted = {"enabled": enabled, "idle_minutes": idle_minutes, "scope": scope}
        body = {k: v for k, v in wanted.items() if v is not None}
        return await self.call(ModeOut, "PATCH", f"/api/modes/{mode}", json_body=body)

    # -- ledger ---------------------------------------------------------------------------------

    async def ledger(self, session: str) -> LedgerOut | None:
        """The ledger of `current`, `last` or a session id as markdown, or None when there is none."""
        try:
            return await self.call(
                LedgerOut, "GET", f"/api/sessions/{session}/ledger", params={"format": "markdown"}
            )
        except ApiUserError as exc:
            if exc.code is ErrorCode.NO_LEDGER:
                return None
            raise

    async def post_ledger(self, session: str) -> LedgerPostOut:
        """Queue the ledger for delivery: whether it was queued, and where it goes."""
        return await self.call(LedgerPostOut, "POST", f"/api/sessions/{session}/ledger/post")

    # -- Twitch ("connect twitch") ----------------------------------------------------------------

    async def twitch_status(self) -> TwitchStatusOut:
        """Which Twitch grants are connected (never their tokens)."""
        return await self.call(TwitchStatusOut, "GET", "/api/twitch")

    async def connect_twitch(self, grant: str | None = None) -> TwitchConnectOut:
        """Begin a device flow: the link and code to show; the worker polls and a notice follows."""
        body = {"grant": grant} if grant else None
        return await self.call(TwitchConnectOut, "POST", "/api/twitch/connect", json_body=body)

    async def disconnect_twitch(self, grant: str) -> TwitchStatusOut:
        """Forget a grant here and revoke it at Twitch; ApiUserError not_found when none is connected."""
        return await self.call(TwitchStatusOut, "DELETE", f"/api/twitch/{grant}")

    # -- the conversation's bookkeeping ---------------------------------------------------------

    async def notices(self) -> list[str]:
        """Messages the product left for the streamer (returned once, then cleared)."""
        found = await self.call(NoticeListOut, "GET", "/api/notices")
        return [item.text for item in found.items if item.text]

    async def record_interaction(self, record: JsonObject) -> None:
        """Add one DM and its reply to the audit trail."""
        await self.call(CreatedOut, "POST", "/api/interactions", json_body=record)
