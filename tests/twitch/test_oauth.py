"""The OAuth client against the fake id.twitch.tv: device flow, polling, expiry, denial, refresh, revoke."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from chronicler.twitch.oauth import (
    BOT_SCOPES,
    AccessDenied,
    DeviceCodeExpired,
    GrantRefused,
    TokenInvalid,
    TwitchOAuth,
    wait_for_grant,
)
from tests.fakes.twitch_oauth import FakeTwitchOAuth
from tests.fakes.twitch_server import FakeTwitch


class SimClock:
    """Simulated time: the injected sleep moves it on, and may run a step at a given time."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []
        self.at: dict[int, object] = {}  # after the n-th sleep: a callable to run

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds
        step = self.at.pop(len(self.waits), None)
        if callable(step):
            step()
        await asyncio.sleep(0)


@pytest.fixture
def clock() -> SimClock:
    return SimClock()


@pytest.fixture
async def oauth_fake(clock: SimClock) -> AsyncIterator[FakeTwitchOAuth]:
    async with FakeTwitch() as twitch, FakeTwitchOAuth(twitch, clock=clock) as fake:
        yield fake


@pytest.fixture
async def oauth(oauth_fake: FakeTwitchOAuth) -> AsyncIterator[TwitchOAuth]:
    client = TwitchOAuth(client_id=oauth_fake.twitch.client_id, id_url=oauth_fake.id_url)
    yield client
    await client.aclose()


async def test_device_flow_waits_through_pending_and_slow_down(oauth, oauth_fake, clock):
    code = await oauth.device(BOT_SCOPES)
    assert code.user_code and code.verification_uri.startswith("https://www.twitch.tv/activate")
    assert code.device_code not in repr(code)
    form = oauth_fake.requests[-1][2]
    assert form["scopes"].split() == list(BOT_SCOPES) and "client_secret" not in form  # a public client

    # The third poll comes too soon (Twitch says slow_down); the streamer approves after the fifth.
    original = clock.sleep

    async def sleep(seconds: float) -> None:
        await original(seconds - 4 if len(clock.waits) == 2 else seconds)

    clock.at[5] = lambda: oauth_fake.approve(code.user_code, "chronicler_bot")
    tokens = await wait_for_grant(oauth, code, BOT_SCOPES, clock=clock, sleep=sleep)
    flow = oauth_fake.flow(code.user_code)
    assert flow.polls == [
        "authorization_pending",
        "authorization_pending",
        "slow_down",
        "authorization_pending",
        "granted",
    ]
    assert clock.waits[3:] == [10.0, 10.0]  # 5 s more after slow_down, as RFC 8628 says
    assert tokens.access_token in oauth_fake.live_tokens() and set(tokens.scopes) == set(BOT_SCOPES)
    assert tokens.access_token not in repr(tokens) and tokens.refresh_token not in repr(tokens)
    who = await oauth.validate(tokens.access_token)
    assert who.login == "chronicler_bot" and set(who.scopes) == set(BOT_SCOPES)


async def test_a_code_nobody_enters_expires(oauth, oauth_fake, clock):
    oauth_fake.expires_in = 20
    code = await oauth.device(BOT_SCOPES)
    with pytest.raises(DeviceCodeExpired):
        await wait_for_grant(oauth, code, BOT_SCOPES, clock=clock, sleep=clock.sleep)
    assert clock.waits == [5.0, 5.0, 5.0, 5.0]  # three pending polls, then the deadline


async def test_twitch_saying_the_code_expired_ends_the_wait(oauth, oauth_fake, clock):
    code = await oauth.device(BOT_SCOPES)
    oauth_fake.flow().expires_at = clock.now  # Twitch's clock ran out first
    with pytest.raises(DeviceCodeExpired):
        await wait_for_grant(oauth, code, BOT_SCOPES, clock=clock, sleep=clock.sleep)
    assert oauth_fake.flow().polls == ["invalid device code"]


async def test_a_denial_ends_the_wait(oauth, oauth_fake, clock):
    code = await oauth.device(BOT_SCOPES)
    clock.at[2] = lambda: oauth_fake.deny(code.user_code)
    with pytest.raises(AccessDenied):
        await wait_for_grant(oauth, code, BOT_SCOPES, clock=clock, sleep=clock.sleep)


async def _granted(oauth, oauth_fake, clock, login="chronicler_bot"):
    code = await oauth.device(BOT_SCOPES)
    oauth_fake.approve(code.user_code, login)
    return await wait_for_grant(oauth, code, BOT_SCOPES, clock=clock, sleep=clock.sleep)


async def test_refresh_rotates_and_a_spent_refresh_token_is_refused(oauth, oauth_fake, clock):
    first = await _granted(oauth, oauth_fake, clock)
    second = await oauth.refresh(first.refresh_token)
    assert second.refresh_token != first.refresh_token and second.access_token != first.access_token
    with pytest.raises(TokenInvalid):
        await oauth.validate(first.access_token)
    with pytest.raises(GrantRefused) as caught:
        await oauth.refresh(first.refresh_token)  # single-use: already spent
    assert first.refresh_token not in str(caught.value)
    assert (await oauth.validate(second.access_token)).login == "chronicler_bot"


async def test_revoke_ends_the_token(oauth, oauth_fake, clock):
    tokens = await _granted(oauth, oauth_fake, clock)
    await oauth.revoke(tokens.access_token)
    with pytest.raises(TokenInvalid):
        await oauth.validate(tokens.access_token)
    await oauth.revoke(tokens.access_token)  # twice: already gone is fine
    assert oauth_fake.revoked == [tokens.access_token]
