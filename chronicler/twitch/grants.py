"""Stored Twitch grants at work: fresh tokens for the worker, device flows run, hourly validation.

* `TokenKeeper`: one grant's current access token. It refreshes before expiry (`margin`) and when
  Twitch answers 401 (`refreshed(stale)`), one refresh at a time; the new pair is stored (encrypted)
  *before* it is returned, since Twitch's refresh tokens may be single-use. A refresh Twitch refuses
  for good marks the grant broken and leaves the streamer one notice; it is never tried again in a
  loop (the keeper raises `TwitchAuthError` from then on, until "connect twitch" replaces the grant).
* `GrantService`: what the worker runs beside the chat: it takes the device flows the API queued
  ("connect twitch"), asks Twitch for a code, polls until the streamer answers, stores the grant and
  tells the streamer (a notice, DMed at once); and every hour it validates each grant, as Twitch
  requires, refreshing the ones that expired.

Store calls are blocking, so they run on a thread (`asyncio.to_thread`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from chronicler.contract.errors import Conflict
from chronicler.store import Database
from chronicler.store.notices import leave_notice
from chronicler.store.twitch_grants import ConnectRequest, Slot, TwitchGrant, TwitchGrants
from chronicler.twitch._errors import TwitchAuthError
from chronicler.twitch.oauth import (
    BOT_SCOPES,
    BROADCASTER_SCOPES,
    AccessDenied,
    DeviceCode,
    DeviceCodeExpired,
    GrantRefused,
    OAuthError,
    OAuthUnavailable,
    TokenInvalid,
    TokenSet,
    TwitchOAuth,
    Validation,
    wait_for_grant,
)

log = logging.getLogger(__name__)

Wall = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[object]]

SCOPES: dict[Slot, tuple[str, ...]] = {"bot": BOT_SCOPES, "broadcaster": BROADCASTER_SCOPES}
REFRESH_MARGIN = timedelta(minutes=5)
VALIDATE_EVERY = 3600.0  # Twitch: validate every user token hourly


def _now() -> datetime:
    return datetime.now(UTC)


class TokenKeeper:
    """The access token of one stored grant (by slot), kept fresh; shared by every user of the grant."""

    def __init__(
        self,
        grants: TwitchGrants,
        db: Database,
        oauth: TwitchOAuth,
        *,
        slot: Slot = "bot",
        user_id: int | None = None,
        margin: timedelta = REFRESH_MARGIN,
        wall: Wall = _now,
    ) -> None:
        self._grants = grants
        self._db = db
        self._oauth = oauth
        self._slot = slot
        self._user_id = user_id
        self._margin = margin
        self._wall = wall
        self._lock = asyncio.Lock()

    async def grant(self) -> TwitchGrant:
        """The grant as stored now; `TwitchAuthError` when there is none or it is broken."""
        grant = await asyncio.to_thread(self._load)
        if grant is None:
            raise TwitchAuthError(f"no Twitch {self._slot} grant: DM the bot “connect twitch”")
        if grant.broken:
            raise TwitchAuthError(f"the Twitch {self._slot} grant is broken: DM the bot “connect twitch”")
        return grant

    async def access_token(self) -> str:
        """A current access token, refreshed first when it expires within the margin."""
        grant = await self.grant()
        if grant.expires_at - self._wall() > self._margin:
            return grant.access_token
        return await self.refreshed(grant.access_token)

    async def refreshed(self, stale: str) -> str:
        """A token other than `stale` (which Twitch refused): another task's refresh, or a new one."""
        async with self._lock:
            grant = await self.grant()
            if grant.access_token != stale and grant.expires_at - self._wall() > self._margin:
                return grant.access_token  # refreshed meanwhile
            return await self._refresh(grant)

    async def validate(self) -> None:
        """Twitch's hourly check of the token; a refused one is refreshed."""
        grant = await self.grant()
        try:
            answer = await self._oauth.validate(grant.access_token)
        except TokenInvalid:
            await self.refreshed(grant.access_token)
            return
        at = self._wall()
        expires = at + timedelta(seconds=answer.expires_in) if answer.expires_in else None
        await asyncio.to_thread(self._grants.mark_validated, grant.id, at=at, expires_at=expires)
        if expires is not None and expires - at <= self._margin:
            await self.refreshed(grant.access_token)

    async def _refresh(self, grant: TwitchGrant) -> str:
        try:
            tokens = await self._oauth.refresh(grant.refresh_token)
        except GrantRefused as exc:
            await asyncio.to_thread(self._broken, grant, str(exc))
            raise TwitchAuthError(f"the Twitch {grant.slot} grant could not be refreshed") from None
        except OAuthUnavailable as exc:
            raise TwitchAuthError(f"could not refresh the Twitch {grant.slot} grant now: {exc}") from None
        at = self._wall()
        # Stored before anything uses it: a single-use refresh token must never be lost.
        await asyncio.to_thread(
            self._grants.replace_tokens,
            grant.id,
            access_token=tokens.access_token,
            refresh_token=tokens.refresh_token or grant.refresh_token,
            expires_at=at + timedelta(seconds=tokens.expires_in or 3600),
            at=at,
        )
        log.info("refreshed the Twitch %s grant of %s", grant.slot, grant.twitch_login)
        return tokens.access_token

    def _load(self) -> TwitchGrant | None:
        if self._slot == "bot":
            return self._grants.bot()
        assert self._user_id is not None
        return self._grants.broadcaster(self._user_id)

    def _broken(self, grant: TwitchGrant, reason: str) -> None:
        if self._grants.mark_broken(grant.id, reason, at=self._wall()):
            log.warning("the Twitch %s grant of %s is broken: %s", grant.slot, grant.twitch_login, reason)
            what = "the bot account" if grant.slot == "bot" else f"your channel #{grant.twitch_login}"
            leave_notice(
                self._db,
                grant.user_id,
                f"Twitch no longer accepts the Chronicler's access to {what} (it was revoked or expired)."
                " DM me “connect twitch” to connect it again.",
            )


class GrantService:
    """Runs "connect twitch" device flows and keeps every grant validated; `run()` until cancelled."""

    def __init__(
        self,
        db: Database,
        grants: TwitchGrants,
        oauth: TwitchOAuth,
        *,
        poll_every: float = 1.0,
        validate_every: float = VALIDATE_EVERY,
        wall: Wall = _now,
        clock: Callable[[], float] | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._db = db
        self._grants = grants
        self._oauth = oauth
        self._poll_every = poll_every
        self._validate_every = validate_every
        self._wall = wall
        self._clock = clock or (lambda: wall().timestamp())
        self._sleep = sleep
        self._flows: dict[int, asyncio.Task[None]] = {}

    def keeper(self, slot: Slot = "bot", user_id: int | None = None) -> TokenKeeper:
        """A token keeper for one grant, sharing this service's OAuth client."""
        return TokenKeeper(self._grants, self._db, self._oauth, slot=slot, user_id=user_id, wall=self._wall)

    async def run(self) -> None:
        """Take queued flows every `poll_every` s, validate every `validate_every` s, until cancelled."""
        for request in await asyncio.to_thread(self._grants.waiting):
            self._resume(request)  # a restart in the middle of a flow: keep polling its code
        next_check = self._clock()
        try:
            while True:
                await self.take_requests()
                if self._clock() >= next_check:
                    await self.validate_all()
                    next_check = self._clock() + self._validate_every
                await self._sleep(self._poll_every)
        finally:
            for task in self._flows.values():
                task.cancel()
            await asyncio.gather(*self._flows.values(), return_exceptions=True)
            await self._oauth.aclose()

    async def take_requests(self) -> int:
        """Start every queued flow: ask Twitch for its code; the number started."""
        started = 0
        while (request := await asyncio.to_thread(self._grants.claim_requested)) is not None:
            started += await self.begin(request)
        await self.revoke_forgotten()
        return started

    async def begin(self, request: ConnectRequest) -> bool:
        """Ask Twitch for the request's code, keep it for the streamer, and poll in the background."""
        try:
            code = await self._oauth.device(SCOPES[request.slot])
        except OAuthError as exc:
            await asyncio.to_thread(self._fail, request, f"Twitch did not start the connection: {exc}")
            return False
        expires_at = self._wall() + timedelta(seconds=code.expires_in)
        await asyncio.to_thread(
            self._grants.set_device,
            request.id,
            user_code=code.user_code,
            verification_uri=code.verification_uri,
            device_code=code.device_code,
            expires_at=expires_at,
        )
        self._start_flow(request, code)
        return True

    async def revoke_forgotten(self) -> None:
        """Revoke at Twitch the tokens of grants "disconnect twitch" forgot; kept to retry if unreachable."""
        while True:
            done = await asyncio.to_thread(self._revoke_batch_start)
            if not done:
                return
            for revocation_id, token in done:
                try:
                    await self._oauth.revoke(token)
                except OAuthUnavailable:
                    return  # next round
                except OAuthError as exc:
                    log.info("revoking a forgotten Twitch token: %s", exc)
                await asyncio.to_thread(self._grants.revoked, revocation_id)

    def _revoke_batch_start(self) -> list[tuple[int, str]]:
        with self._db.transaction():
            return self._grants.take_revocations()

    async def validate_all(self) -> None:
        """Validate every healthy grant (refreshing refused or expiring ones); problems are logged."""
        for grant in await asyncio.to_thread(self._grants.all):
            if grant.broken:
                continue
            keeper = self.keeper(grant.slot, grant.user_id)
            try:
                await keeper.validate()
            except (TwitchAuthError, OAuthError) as exc:
                log.warning("validating the Twitch %s grant of %s: %s", grant.slot, grant.twitch_login, exc)

    async def wait_for_flows(self) -> None:
        """Wait for the flows running now (tests, and the terminal's `chronicler twitch connect`)."""
        await asyncio.gather(*self._flows.values(), return_exceptions=True)

    # -- one flow --

    def _resume(self, request: ConnectRequest) -> None:
        if request.device_code is None or request.expires_at is None:
            return
        left = (request.expires_at - self._wall()).total_seconds()
        code = DeviceCode(
            user_code=request.user_code or "",
            verification_uri=request.verification_uri or "",
            expires_in=max(left, 0.0),
            interval=5.0,
            device_code=request.device_code,
        )
        self._start_flow(request, code)

    def _start_flow(self, request: ConnectRequest, code: DeviceCode) -> None:
        task = asyncio.create_task(self._flow(request, code), name=f"twitch connect {request.id}")
        self._flows[request.id] = task
        task.add_done_callback(lambda _t: self._flows.pop(request.id, None))

    async def _flow(self, request: ConnectRequest, code: DeviceCode) -> None:
        scopes = SCOPES[request.slot]
        try:
            tokens = await wait_for_grant(self._oauth, code, scopes, clock=self._clock, sleep=self._sleep)
            who = await self._oauth.validate(tokens.access_token)
        except DeviceCodeExpired:
            text = "The Twitch code expired before it was entered. DM me “connect twitch” again."
            await asyncio.to_thread(self._fail, request, text)
            return
        except AccessDenied:
            await asyncio.to_thread(
                self._fail, request, "You declined on Twitch's page, so nothing was connected."
            )
            return
        except OAuthError as exc:
            await asyncio.to_thread(self._fail, request, f"Connecting Twitch failed: {exc}")
            return
        try:
            await asyncio.to_thread(self._keep, request, tokens, who)
        except Conflict as exc:
            await self._oauth_revoke_quietly(tokens.access_token)
            await asyncio.to_thread(self._fail, request, f"{exc} Nothing was connected.")

    def _keep(self, request: ConnectRequest, tokens: TokenSet, who: Validation) -> None:
        current = self._grants.request(request.id)
        if current is None or current.status != "waiting":
            return  # cancelled meanwhile (a newer "connect twitch")
        at = self._wall()
        self._grants.save(
            slot=request.slot,
            user_id=request.user_id,
            twitch_user_id=who.user_id,
            twitch_login=who.login,
            scopes=tokens.scopes or who.scopes,
            access_token=tokens.access_token,
            refresh_token=tokens.refresh_token,
            expires_at=at + timedelta(seconds=tokens.expires_in or who.expires_in or 3600),
            at=at,
        )
        if not self._grants.finish(request.id, "connected"):
            return
        if request.slot == "bot":
            text = (
                f"Twitch connected: I will read and write chat as **{who.login}**. Each streamer now DMs me"
                " “connect twitch” once to let the bot into their channel."
            )
        else:
            text = (
                f"Twitch connected: #{who.login} is yours here, and the bot may read its chat."
                " Say “start chronicling” when you go live."
            )
        leave_notice(self._db, request.user_id, text)
        log.info("connected the Twitch %s grant of %s", request.slot, who.login)

    def _fail(self, request: ConnectRequest, text: str) -> None:
        if self._grants.finish(request.id, "failed", text):
            leave_notice(self._db, request.user_id, text)

    async def _oauth_revoke_quietly(self, token: str) -> None:
        try:
            await self._oauth.revoke(token)
        except OAuthError as exc:
            log.info("could not revoke a refused grant: %s", exc)
