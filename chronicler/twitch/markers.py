"""Twitch stream markers at strong clip candidates, made live with the streamer's broadcaster grant.

Helix "Create Stream Marker": ``POST {helix}/streams/markers`` with ``{"user_id": <broadcaster id>,
"description": <at most 140 characters>}``, a user access token carrying ``channel:manage:broadcast``
(the broadcaster grant of "connect twitch" has it) and the app's ``Client-Id``. Twitch puts the marker
at the stream's current position and answers ``200 {"data": [{"id", "created_at", "description",
"position_seconds"}]}``. It refuses a stream that is not live, one whose VODs are off (and premieres
and reruns): Twitch documents that markers need a live stream with VODs enabled. Those refusals, like
401 (a token Twitch no longer takes), 403, 429 and 5xx, are logged and swallowed: a marker is a
bonus, and nothing here ever holds up chat.

* `HelixMarkers`: the HTTP call, as one streamer's broadcaster grant; a 401 goes through the grant's
  refresh (`TokenKeeper.refreshed`, which stores the new pair before it is used) and is tried once more.
* `SessionMarkers`: one chronicled session's markers. The worker hands it every candidate that closes
  while it reads live chat; a strong one (`MarkerPacing`: score >= 5, one per 5 minutes) is marked in a
  task of its own, with the description "Chronicler: funny moment ~40 s ago (score 6.1)" (Twitch marks
  *now*, so the description says how far back the moment's start is). Without a way to mark (synthetic
  chat, replays, the `.env` single-streamer setup, no broadcaster grant, or one without the scope) it
  says so in one INFO line per session and does nothing else.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, Protocol

import aiohttp

from chronicler.domain.librarian import ClipCandidate, MarkerPacing, marker_description
from chronicler.store.twitch_grants import TwitchGrant
from chronicler.twitch._errors import TwitchAuthError
from chronicler.twitch._helix import HELIX_URL

log = logging.getLogger(__name__)

MARKER_SCOPE = "channel:manage:broadcast"
Wall = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


class BroadcasterTokens(Protocol):
    """The broadcaster grant and its token, kept fresh (`chronicler.twitch.grants.TokenKeeper`)."""

    async def grant(self) -> TwitchGrant:
        """The grant as stored; `TwitchAuthError` when there is none or it is broken."""
        ...

    async def access_token(self) -> str:
        """A current access token."""
        ...

    async def refreshed(self, stale: str) -> str:
        """A token other than `stale`, which Twitch refused; `TwitchAuthError` when none can be had."""
        ...


class MarkerSkipped(Exception):
    """No marker can be made for this channel now (no grant, or one without the scope); says why."""


class HelixMarkers:
    """Create Stream Marker as one streamer's broadcaster grant; close with `aclose`."""

    def __init__(
        self,
        tokens: BroadcasterTokens,
        *,
        client_id: str,
        helix_url: str = HELIX_URL,
        session: aiohttp.ClientSession | None = None,
        request_timeout: float = 10.0,
    ) -> None:
        self._tokens = tokens
        self._client_id = client_id
        self._url = helix_url.rstrip("/") + "/streams/markers"
        self._own_session = session is None
        self._session = session
        self._timeout = aiohttp.ClientTimeout(total=request_timeout)

    async def usable(self) -> TwitchGrant:
        """The grant markers are made as; `MarkerSkipped` when there is none fit for it."""
        try:
            grant = await self._tokens.grant()
        except TwitchAuthError as exc:
            raise MarkerSkipped(f"no usable broadcaster grant ({exc})") from None
        if MARKER_SCOPE not in grant.scopes:
            raise MarkerSkipped(f"the broadcaster grant lacks {MARKER_SCOPE} (“connect twitch” again)")
        return grant

    async def create(self, description: str) -> int | None:
        """Mark the live stream now; its position in seconds, or None when Twitch refused (logged).

        `MarkerSkipped` when there is no grant fit for it; nothing else is raised but cancellation.
        """
        grant = await self.usable()
        body = {"user_id": grant.twitch_user_id, "description": description}
        channel = grant.twitch_login
        try:
            token = await self._tokens.access_token()
            status, answer, headers = await self._post(token, body)
            if status == 401:
                # Expired or revoked early: the grant's refresh path, then once more.
                token = await self._tokens.refreshed(token)
                status, answer, headers = await self._post(token, body)
        except TwitchAuthError as exc:
            log.warning("no stream marker in #%s: %s", channel, exc)
            return None
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            log.warning("no stream marker in #%s: Twitch unreachable (%s)", channel, type(exc).__name__)
            return None
        if status == 200:
            position = _position(answer)
            log.info("stream marker in #%s at %s s: %s", channel, position, description)
            return position if position is not None else 0
        message = str(answer.get("message") or "no reason given")
        if status == 404:
            log.info("no stream marker in #%s: %s (not live, or VODs are off)", channel, message)
        elif status == 429:
            reset = headers.get("Ratelimit-Reset", "?")
            log.warning("no stream marker in #%s: rate limited until %s", channel, reset)
        else:
            log.warning("no stream marker in #%s: Twitch answered %d: %s", channel, status, message)
        return None

    async def aclose(self) -> None:
        """Close the HTTP session, if this client made it."""
        if self._own_session and self._session is not None:
            await self._session.close()
            self._session = None

    async def _post(self, token: str, body: dict[str, str]) -> tuple[int, dict[str, Any], dict[str, str]]:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        headers = {"Authorization": f"Bearer {token}", "Client-Id": self._client_id}
        async with self._session.post(
            self._url, json=body, headers=headers, timeout=self._timeout
        ) as response:
            try:
                answer = await response.json(content_type=None)
            except ValueError:
                answer = None
            return response.status, answer if isinstance(answer, dict) else {}, dict(response.headers)


def _position(answer: dict[str, Any]) -> int | None:
    data = answer.get("data")
    if isinstance(data, list) and data and isinstance(data[0], dict):
        position = data[0].get("position_seconds")
        return position if isinstance(position, int) else None
    return None


class SessionMarkers:
    """One session's stream markers: strong candidates marked as they close, never in chat's way."""

    def __init__(
        self,
        session_id: int,
        channel: str,
        helix: HelixMarkers | None,
        *,
        off: str = "",
        pacing: MarkerPacing | None = None,
        wall: Wall = _now,
    ) -> None:
        """`helix` None: no markers this session, for the reason `off` (said once, at INFO)."""
        self._session_id = session_id
        self._channel = channel
        self._helix = helix
        self._pacing = pacing or MarkerPacing()
        self._wall = wall
        self._tasks: set[asyncio.Task[None]] = set()
        self._told = False
        if helix is None:
            self._tell(off or "no Twitch connection to mark the stream with")

    @classmethod
    def off(cls, session_id: int, channel: str, reason: str) -> SessionMarkers:
        """No markers for this session, for `reason` (logged once)."""
        return cls(session_id, channel, None, off=reason)

    def closed(self, candidates: Iterable[ClipCandidate]) -> None:
        """Candidates that just closed: mark the strong one, if it is time; returns at once."""
        if self._helix is None:
            return
        now = self._wall()
        for candidate in candidates:
            if self._pacing.take(candidate, now):
                description = marker_description(candidate, now)
                task = asyncio.create_task(self._mark(description), name=f"marker-{self._session_id}")
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    async def wait(self) -> None:
        """Wait for the markers being made (tests)."""
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def aclose(self) -> None:
        """Stop the markers being made and close the HTTP client."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._helix is not None:
            await self._helix.aclose()

    async def _mark(self, description: str) -> None:
        assert self._helix is not None
        try:
            await self._helix.create(description)
        except MarkerSkipped as exc:
            self._tell(str(exc))
        except asyncio.CancelledError:
            raise
        except Exception:  # a bug here must not reach the reading of chat
            log.exception("session %d: making a stream marker failed", self._session_id)

    def _tell(self, reason: str) -> None:
        if not self._told:
            self._told = True
            log.info(
                "session %d: no Twitch stream markers in #%s: %s", self._session_id, self._channel, reason
            )
