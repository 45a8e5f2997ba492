"""How twitchio's requests are routed to configured base URLs (the injection point for fakes)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from chronicler.twitch._helix import routed_session


@pytest.fixture
async def echo() -> AsyncIterator[str]:
    """A local server answering every request with its method, path and query; yields its base URL."""

    async def handler(request: web.Request) -> web.Response:
        return web.json_response({"path": request.path_qs, "host": request.headers.get("Host")})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    runner = web.AppRunner(app, shutdown_timeout=1.0)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()


async def test_helix_and_id_urls_are_sent_to_the_configured_bases(echo: str) -> None:
    async with routed_session(helix_url=f"{echo}/mock/helix/", id_url=f"{echo}/mock-id") as session:
        helix = await (await session.get("https://api.twitch.tv/helix/users?login=pixel_wren&id=1")).json()
        token_url = "https://id.twitch.tv/oauth2/token?grant_type=client_credentials"
        oauth = await (await session.post(token_url)).json()

    assert helix["path"] == "/mock/helix/users?login=pixel_wren&id=1"
    assert oauth["path"] == "/mock-id/oauth2/token?grant_type=client_credentials"
    assert helix["host"] == echo.removeprefix("http://")


async def test_other_urls_are_left_alone(echo: str) -> None:
    async with routed_session(helix_url=f"{echo}/mock/helix", id_url=echo) as session:
        other = await (await session.get(f"{echo}/elsewhere?x=1")).json()

    assert other["path"] == "/elsewhere?x=1"
