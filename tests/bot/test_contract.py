"""The bot reads the API with its own models and codes: a body outside them is refused, never guessed at."""

from __future__ import annotations

import ast
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from chronicler.bot.api_client import (
    ApiClient,
    ApiError,
    ApiUnavailable,
    ApiUserError,
    BotSecretRejected,
    ContractMismatch,
    EndpointMissing,
    NotLinked,
    TokenExpired,
)
from chronicler.bot.auth import LinkUnsupported
from chronicler.bot.conversation import NOT_AVAILABLE
from chronicler.bot.registry import DuplicateHandler
from chronicler.contract.commands import Command
from chronicler.contract.errors import ChroniclerError, Conflict, ErrorCode, ServiceUnavailable, UserError
from tests.bot.conftest import WREN

Answer = Callable[[web.Request], Awaitable[web.StreamResponse]]
BOT_PACKAGE = Path(__file__).resolve().parents[2] / "chronicler" / "bot"


@pytest.fixture
async def answering(http: aiohttp.ClientSession) -> AsyncIterator[Callable[[Answer], Awaitable[ApiClient]]]:
    """A client on a server that answers every path with `answer` (an API of some other version)."""
    servers: list[TestServer] = []

    async def start(answer: Answer) -> ApiClient:
        """Serve `answer` on 127.0.0.1; a client on it."""
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", answer)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        servers.append(server)
        return ApiClient(http, str(server.make_url("")), bot_secret="s" * 40, timeout_s=2)

    yield start
    for server in servers:
        await server.close()


def answer_with(body: object, status: int = 200) -> Answer:
    """An answer of `body` with `status`, whatever was asked."""

    async def answer(request: web.Request) -> web.Response:
        """The same body, whatever the request."""
        return web.json_response(body, status=status)

    return answer


# -- successes --------------------------------------------------------------------------------------


async def test_a_body_its_model_refuses_is_a_contract_mismatch_not_a_key_error(answering):
    client = await answering(answer_with({"status": "ok"}))
    with pytest.raises(
        ContractMismatch, match=r"GET /health .* not a HealthOut \(database: Field required\)"
    ):
        await client.health()


async def test_a_token_answer_without_a_token_is_refused(answering):
    client = await answering(answer_with({"token_type": "Bearer", "expires_in": 900}))
    with pytest.raises(ContractMismatch, match="BotTokenOut") as caught:
        await client.token_for_discord(WREN)
    # Transient like any unusable answer: the bot says the API is not usable, backoff may retry.
    assert isinstance(caught.value, ApiUnavailable) and isinstance(caught.value, ServiceUnavailable)


async def test_a_type_the_model_does_not_allow_is_refused_too(answering):
    body = {"status": "ok", "database": 1}
    with pytest.raises(ContractMismatch, match="database"):
        await (await answering(answer_with(body))).health()


async def test_fields_a_newer_api_adds_are_ignored(answering):
    health = await (await answering(answer_with({"status": "ok", "database": "ok", "uptime_s": 5}))).health()
    assert (health.status, health.database) == ("ok", "ok")


async def test_a_conversation_says_the_versions_differ_when_a_body_does_not_fit(
    conversation, fake_api, linked, parser
):
    fake_api.foreign["/api/flags"] = {"items": [{"id": 1}], "next_cursor": None}
    parser.phrases["show flags"] = Command(interaction_type="flags", action="list")
    reply = await conversation.handle(linked, "show flags")
    assert reply is not None and reply.plain_text().startswith(NOT_AVAILABLE)


async def test_the_fake_api_refuses_to_be_arranged_outside_the_contract(streamer_api, fake_api):
    fake_api.flags["pixel_wren"] = [{"id": 1, "session_id": 1, "text": "no sender, no time, no rule"}]
    with pytest.raises(ApiUnavailable):
        await streamer_api.flags(range="all")
    [error] = fake_api.contract_errors
    assert "FlagPage" in error and "chatter_login" in error
    fake_api.contract_errors.clear()  # provoked on purpose: the fixture need not report it again


# -- errors -----------------------------------------------------------------------------------------


async def test_error_codes_are_error_codes(answering):
    body = {"error": {"code": "session_active", "message": "a session is already being chronicled"}}
    with pytest.raises(ApiUserError) as caught:
        await (await answering(answer_with(body, 409))).request("POST", "/api/sessions", token="t")
    assert caught.value.code is ErrorCode.SESSION_ACTIVE and caught.value.raw_code == "session_active"


async def test_a_code_from_a_newer_api_falls_back_to_its_status_and_keeps_the_string(answering):
    body = {"error": {"code": "season_finale", "message": "not during the finale", "field": "theme"}}
    with pytest.raises(ApiUserError) as caught:
        await (await answering(answer_with(body, 409))).request("POST", "/api/sessions", token="t")
    error = caught.value
    assert (error.code, error.raw_code, error.field) == (ErrorCode.CONFLICT, "season_finale", "theme")
    assert str(error) == "409 season_finale: not during the finale"


async def test_retry_after_comes_from_the_error_body(answering):
    body = {"error": {"code": "rate_limited", "message": "too many", "retry_after": 30}}
    with pytest.raises(ApiUserError) as caught:
        await (await answering(answer_with(body, 429))).request("POST", "/api/login")
    assert caught.value.code is ErrorCode.RATE_LIMITED and caught.value.retry_after == 30


async def test_a_missing_endpoint_is_told_by_its_code_not_its_message(answering):
    missing = {"error": {"code": "no_such_endpoint", "message": "nothing here, friend"}}
    with pytest.raises(EndpointMissing):
        await (await answering(answer_with(missing, 404))).request("GET", "/api/notices", token="t")
    not_found = {"error": {"code": "not_found", "message": "no such endpoint"}}
    with pytest.raises(ApiUserError) as caught:
        await (await answering(answer_with(not_found, 404))).request("GET", "/api/notices", token="t")
    assert caught.value.code is ErrorCode.NOT_FOUND


async def test_a_missing_endpoint_of_the_real_api_is_endpoint_missing(http, live_api):
    with pytest.raises(EndpointMissing, match="GET /api/no-such-route"):
        await ApiClient(http, live_api).request("GET", "/api/no-such-route", token="t")


def test_the_bots_errors_hang_in_the_products_tree():
    assert issubclass(ApiError, ChroniclerError)
    assert issubclass(ApiUnavailable, ServiceUnavailable) and issubclass(ContractMismatch, ApiUnavailable)
    assert issubclass(ApiUserError, UserError) and issubclass(NotLinked, ApiUserError)
    assert issubclass(TokenExpired, ApiUserError)
    for kind in (EndpointMissing, BotSecretRejected):
        assert issubclass(kind, ApiError) and not issubclass(kind, UserError | ServiceUnavailable)
    assert EndpointMissing.code is ErrorCode.NO_SUCH_ENDPOINT
    assert issubclass(LinkUnsupported, Conflict)
    assert issubclass(DuplicateHandler, ChroniclerError)
    assert not issubclass(DuplicateHandler, UserError | ServiceUnavailable)


def test_the_bot_never_matches_an_error_code_as_a_bare_string():
    found = []
    for path in sorted(BOT_PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Compare) and _is_code(node.left):
                strings = [c for c in node.comparators for c in _constants(c) if isinstance(c, str)]
                if strings:
                    found.append(f"{path.name}:{node.lineno} compares a code with {strings}")
    assert found == []


def _is_code(node: ast.expr) -> bool:
    """`x.code` or `x.raw_code`."""
    return isinstance(node, ast.Attribute) and node.attr in ("code", "raw_code")


def _constants(node: ast.expr) -> list[object]:
    """The literal values of a constant or of a tuple, list or set literal."""
    if isinstance(node, ast.Constant):
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [c.value for c in node.elts if isinstance(c, ast.Constant)]
    return []
