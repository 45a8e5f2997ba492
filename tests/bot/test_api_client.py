"""The API client: every failure becomes one of its errors, mapped from what the API answered."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from chronicler.bot.api_client import (
    ApiClient,
    ApiUnavailable,
    ApiUserError,
    BotSecretRejected,
    EndpointMissing,
    NotLinked,
    TokenExpired,
    TokenRejected,
)
from chronicler.bot.auth import DiscordAuthenticator, ProvidedTokens
from chronicler.bot.streamer_api import StreamerApi
from chronicler.contract.errors import ErrorCode
from tests.bot.conftest import WREN, FakeClock
from tests.bot.fake_api import FakeApi

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@pytest.fixture
async def answering(http: aiohttp.ClientSession) -> AsyncIterator[Callable[[Handler], Awaitable[ApiClient]]]:
    """A client on a one-route server that answers every path with `handler`."""
    servers: list[TestServer] = []

    async def start(handler: Handler) -> ApiClient:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handler)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        servers.append(server)
        return ApiClient(http, str(server.make_url("")), bot_secret="s" * 40, timeout_s=0.5)

    yield start
    for server in servers:
        await server.close()


async def test_a_closed_port_is_unavailable(http, closed_url):
    with pytest.raises(ApiUnavailable, match="cannot reach the API") as caught:
        await ApiClient(http, closed_url).health()
    assert isinstance(caught.value.__cause__, aiohttp.ClientError)


async def test_a_slow_api_times_out_as_unavailable(answering):
    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(2)
        return web.json_response({})

    client = await answering(slow)
    with pytest.raises(ApiUnavailable, match="in time") as caught:
        await client.health()
    assert isinstance(caught.value.__cause__, asyncio.TimeoutError)


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_server_errors_are_unavailable(answering, status):
    async def failing(request: web.Request) -> web.Response:
        return web.json_response({"error": {"code": "internal_error", "message": "boom"}}, status=status)

    with pytest.raises(ApiUnavailable, match=str(status)):
        await (await answering(failing)).request("GET", "/api/me", token="t")


async def test_a_2xx_without_json_is_unavailable(answering):
    async def html(request: web.Request) -> web.Response:
        return web.Response(text="<html>proxy</html>", content_type="text/html")

    with pytest.raises(ApiUnavailable, match="no JSON"):
        await (await answering(html)).health()


async def test_a_4xx_carries_the_apis_code_and_message(answering):
    async def refuse(request: web.Request) -> web.Response:
        return web.json_response(
            {
                "error": {
                    "code": "session_active",
                    "message": "a session is already being chronicled; end it first",
                }
            },
            status=409,
        )

    with pytest.raises(ApiUserError) as caught:
        await (await answering(refuse)).request("POST", "/api/sessions", token="t")
    assert (caught.value.status, caught.value.code) == (409, "session_active")
    assert caught.value.message.startswith("a session is already")


async def test_a_4xx_without_json_still_has_a_code(answering):
    async def teapot(request: web.Request) -> web.Response:
        return web.Response(status=418, text="teapot")

    with pytest.raises(ApiUserError) as caught:
        await (await answering(teapot)).health()
    assert caught.value.raw_code == "http_418" and caught.value.code is ErrorCode.HTTP_ERROR


async def test_401s_on_bearer_calls_are_token_errors(answering):
    codes = iter(["token_expired", "token_revoked"])

    async def refuse(request: web.Request) -> web.Response:
        return web.json_response({"error": {"code": next(codes), "message": "no"}}, status=401)

    client = await answering(refuse)
    with pytest.raises(TokenExpired):
        await client.request("GET", "/api/me", token="t")
    with pytest.raises(TokenRejected) as caught:
        await client.request("GET", "/api/me", token="t")
    assert not isinstance(caught.value, TokenExpired)


async def test_missing_routes_are_told_apart_from_missing_things(client, fake_api):
    fake_api.missing.add("/api/notices")
    api = StreamerApi(client, ProvidedTokens(_token(fake_api)))
    with pytest.raises(EndpointMissing, match="GET /api/notices"):
        await api.notices()
    with pytest.raises(ApiUserError) as caught:
        await api.update_mode("bard", enabled=True)
    assert caught.value.code == "no_such_mode"


async def test_bot_endpoints_send_the_service_secret(client, fake_api, link_code):
    user = await client.link_discord(WREN, link_code)
    assert user.username == "pixel_wren" and user.discord_linked is True
    issued = await client.token_for_discord(WREN)
    assert issued.user.username == "pixel_wren" and issued.expires_in == 900
    assert "tok-" not in repr(issued)
    assert all(r.headers["X-Bot-Secret"] == client._bot_secret for r in fake_api.received)


async def test_a_wrong_service_secret_is_the_operators_problem(http, api_url):
    with pytest.raises(BotSecretRejected, match="BOT_API_SECRET"):
        await ApiClient(http, api_url, bot_secret="w" * 40).token_for_discord(WREN)
    with pytest.raises(BotSecretRejected):
        await ApiClient(http, api_url).token_for_discord(WREN)


async def test_an_unlinked_discord_user_is_not_linked(client):
    with pytest.raises(NotLinked):
        await client.token_for_discord(WREN)


def test_the_base_url_must_be_http(http):
    with pytest.raises(ValueError, match="http"):
        ApiClient(http, "127.0.0.1:8080")  # type: ignore[arg-type]


async def test_tokens_never_reach_the_log(client, fake_api, linked, caplog):
    caplog.set_level(logging.DEBUG)
    tokens = DiscordAuthenticator(client, clock=FakeClock()).tokens_for(linked)
    api = StreamerApi(client, tokens)
    await api.me()
    fake_api.expire_tokens()
    await api.me()  # refreshed once, and answered
    assert caplog.records, "the client logs its requests at debug level"
    assert not any("tok-" in record.getMessage() for record in caplog.records)


async def test_discord_tokens_are_cached_until_shortly_before_they_expire(client, fake_api, linked):
    clock = FakeClock()
    tokens = DiscordAuthenticator(client, clock=clock).tokens_for(linked)
    first = await tokens.token()
    assert await tokens.token() == first
    clock.advance(seconds=900 - 31)
    assert await tokens.token() == first
    clock.advance(seconds=2)
    assert await tokens.token() != first
    assert len(fake_api.calls("POST", "/api/bot/token")) == 2


async def test_a_refused_token_is_renewed_once_then_the_error_stands(client, fake_api, linked):
    tokens = DiscordAuthenticator(client, clock=FakeClock()).tokens_for(linked)
    api = StreamerApi(client, tokens)
    await api.me()
    fake_api.expire_tokens()
    assert (await api.me()).username == "pixel_wren"
    assert len(fake_api.calls("POST", "/api/bot/token")) == 2

    async def always_expired() -> str:
        token = fake_api.token_for("pixel_wren")
        fake_api.expired.add(token)
        return token

    with pytest.raises(TokenExpired):
        await StreamerApi(client, ProvidedTokens(always_expired)).me()
    assert len(fake_api.calls("GET", "/api/me")) == 1 + 2 + 2  # the first call, one renewal, and these two


def _token(fake_api: FakeApi) -> Callable[[], Awaitable[str]]:
    async def provide() -> str:
        return fake_api.token_for("pixel_wren")

    return provide
