"""The API as one streamer sees it: typed calls that carry their token and renew it once on a 401."""

from __future__ import annotations

from typing import Any, cast

from chronicler.bot.api_client import ApiClient, ApiUserError, JsonObject, TokenRejected
from chronicler.bot.auth import TokenSource


class StreamerApi:
    """What handlers call; every method is one endpoint of the API (errors as in `bot.api_client`)."""

    def __init__(self, client: ApiClient, tokens: TokenSource) -> None:
        self._client = client
        self._tokens = tokens

    async def call(
        self,
        method: str,
        path: str,
        *,
        json_body: JsonObject | None = None,
        params: dict[str, str | int | None] | None = None,
    ) -> Any:
        """One authenticated request; on a refused token, a fresh one and a single retry."""
        query = {k: v for k, v in (params or {}).items() if v is not None} or None
        token = await self._tokens.token()
        try:
            return await self._client.request(method, path, token=token, json_body=json_body, params=query)
        except TokenRejected:
            token = await self._tokens.token(rejected=token)
            return await self._client.request(method, path, token=token, json_body=json_body, params=query)

    # -- profile ------------------------------------------------------------------------------

    async def me(self) -> JsonObject:
        """The streamer's profile (timezone, channel, masked webhook)."""
        return cast(JsonObject, await self.call("GET", "/api/me"))

    async def update_me(self, **changes: str | None) -> JsonObject:
        """Change profile fields; the updated profile."""
        return cast(JsonObject, await self.call("PATCH", "/api/me", json_body=changes))

    # -- sessions -----------------------------------------------------------------------------

    async def start_session(self, channel: str | None = None, theme: str | None = None) -> JsonObject:
        """Start chronicling; ApiUserError `session_active` or `no_channel` when it cannot."""
        body = {k: v for k, v in {"channel": channel, "theme": theme}.items() if v is not None}
        return cast(JsonObject, await self.call("POST", "/api/sessions", json_body=body))

    async def end_session(self) -> JsonObject:
        """Stop chronicling; ApiUserError `no_active_session` when nothing runs."""
        return cast(JsonObject, await self.call("POST", "/api/sessions/current/end"))

    async def current_session(self) -> JsonObject | None:
        """The active session, or None."""
        try:
            return cast(JsonObject, await self.call("GET", "/api/sessions/current"))
        except ApiUserError as exc:
            if exc.code == "no_active_session":
                return None
            raise

    async def sessions(self, *, status: str | None = None, limit: int | None = None) -> list[JsonObject]:
        """Sessions, newest first."""
        body = await self.call("GET", "/api/sessions", params={"status": status, "limit": limit})
        return list(body.get("items") or [])

    # -- what the modes found -------------------------------------------------------------------

    async def flags(
        self, *, range: str | None = None, username: str | None = None, limit: int | None = None
    ) -> JsonObject:
        """Flagged messages: {items, next_cursor, range}."""
        params = {"range": range, "username": username, "limit": limit}
        return cast(JsonObject, await self.call("GET", "/api/flags", params=params))

    async def clips(self, *, range: str | None = None, limit: int | None = None) -> JsonObject:
        """Clip candidates: {items, next_cursor, range}."""
        return cast(JsonObject, await self.call("GET", "/api/clips", params={"range": range, "limit": limit}))

    async def blog_seeds(self, *, range: str | None = None) -> JsonObject:
        """Blog post ideas: {items, next_cursor, range}."""
        return cast(JsonObject, await self.call("GET", "/api/blog-seeds", params={"range": range}))

    async def stats(self, *, range: str | None = None) -> JsonObject:
        """Chat statistics for a range."""
        return cast(JsonObject, await self.call("GET", "/api/stats", params={"range": range}))

    # -- modes ----------------------------------------------------------------------------------

    async def modes(self) -> list[JsonObject]:
        """Every mode and its settings."""
        body = await self.call("GET", "/api/modes")
        return list(body.get("items") or [])

    async def update_mode(
        self, mode: str, *, enabled: bool | None = None, idle_minutes: int | None = None
    ) -> JsonObject:
        """Turn a mode on or off, or change its idle time; the updated mode."""
        body = {k: v for k, v in {"enabled": enabled, "idle_minutes": idle_minutes}.items() if v is not None}
        return cast(JsonObject, await self.call("PATCH", f"/api/modes/{mode}", json_body=body))

    # -- ledger ---------------------------------------------------------------------------------

    async def ledger(self, session: str) -> JsonObject | None:
        """The ledger of `current`, `last` or a session id as markdown, or None when there is none."""
        try:
            return cast(
                JsonObject,
                await self.call("GET", f"/api/sessions/{session}/ledger", params={"format": "markdown"}),
            )
        except ApiUserError as exc:
            if exc.code == "no_ledger":
                return None
            raise

    async def post_ledger(self, session: str) -> JsonObject:
        """Queue the ledger for delivery: {queued, destination}."""
        return cast(JsonObject, await self.call("POST", f"/api/sessions/{session}/ledger/post"))

    # -- the conversation's bookkeeping ---------------------------------------------------------

    async def notices(self) -> list[str]:
        """Messages the product left for the streamer (returned once, then cleared)."""
        body = await self.call("GET", "/api/notices")
        return [str(item["text"]) for item in body.get("items") or [] if item.get("text")]

    async def record_interaction(self, record: JsonObject) -> None:
        """Add one DM and its reply to the audit trail."""
        await self.call("POST", "/api/interactions", json_body=record)
