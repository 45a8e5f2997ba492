"""The OpenAPI document tells the truth, and the API holds under abuse.

The probes walk the document: each declared query parameter is held to its type, bounds and
choices, each path parameter to its schema, and the statuses every route shares (401, 400, 413,
415, 422, 503) are provoked and must be declared. Then a thousand seeded hostile requests
(tests/api/_fuzz.py) must each get an answer the document declares for its operation.
"""

from __future__ import annotations

import json
import random
import time
from typing import Any

import pytest
from openapi_spec_validator import validate

from chronicler.accounts.access_tokens import AccessTokens
from chronicler.api import create_app
from chronicler.config.settings import Settings
from chronicler.contract.api import ErrorOut
from chronicler.store import Database
from tests.api._fuzz import NO_ROUTE, Fuzzer, Judge, Keys, Operation, Schemas, operations, run
from tests.api.contract_check import exact

SEED = 18
REQUESTS = 1_000


@pytest.fixture
def spec(client) -> dict[str, Any]:
    """The document as the API serves it."""
    return client.get("/api/openapi.json").json


@pytest.fixture
def streamer(app, auth, settings: Settings) -> dict[str, str]:
    """Headers for a streamer with a channel; registration open too, so that its body is reached."""
    auth.create("pixel_wren", twitch_channel="pixel_wren")
    app.config["SETTINGS"] = settings.model_copy(update={"allow_registration": True})
    return auth.headers("pixel_wren")


def _credentials(op: Operation, bearer: dict[str, str], bot_secret: str) -> dict[str, str]:
    """The headers `op` needs to get past its security."""
    return {"bearer": bearer, "bot": {"X-Bot-Secret": bot_secret}}.get(op.auth or "", {})


def _path_example(param: dict[str, Any]) -> str:
    """A value the path parameter's schema takes."""
    schema = param["schema"]
    if "enum" in schema:
        return str(schema["enum"][0])
    if "current" in schema.get("pattern", ""):
        return "last"
    return "1" if schema.get("type") == "integer" else "x"


def _url(op: Operation, **path: str) -> str:
    """`op`'s path with its parameters filled in (examples unless given)."""
    url = op.path
    for param in op.parameters("path"):
        url = url.replace("{" + param["name"] + "}", path.get(param["name"], _path_example(param)))
    return url


def _body_schema(op: Operation) -> dict[str, Any] | None:
    """The schema of `op`'s JSON body, or None when it takes none."""
    body = op.spec.get("requestBody")
    return None if body is None else body["content"]["application/json"]["schema"]


def _error(response, op: Operation, status: int) -> dict[str, Any]:
    """The ErrorOut of an answer that must be `status`, which `op` must declare."""
    assert response.status_code == status, (op.name, response.status_code, response.data[:300])
    assert status in op.statuses, f"{op.name} answers {status} but the document does not declare it"
    return exact(ErrorOut, response.json, exclude_none=True).error.model_dump()


def test_the_document_is_valid_and_every_operation_declares_its_errors(spec):
    validate(spec)
    for op in operations(spec):
        assert op.statuses & {200, 201, 202}, op.name
        if op.auth:
            assert 401 in op.statuses, op.name
            assert spec["components"]["securitySchemes"][op.auth]
        if "requestBody" in op.spec:
            assert {400, 413, 415, 422} <= op.statuses, op.name
        if op.parameters("query"):
            assert 400 in op.statuses, op.name
        for param in op.spec.get("parameters", []):
            assert param["schema"].get("type") in ("string", "integer"), (op.name, param)
            assert param["description"], (op.name, param["name"])


def test_protected_operations_answer_401_without_credentials(client, spec):
    for op in operations(spec):
        if op.auth:
            error = _error(client.open(_url(op), method=op.method.upper()), op, 401)
            assert error["code"] in ("missing_token", "bad_service_secret"), op.name


def test_query_parameters_take_what_the_document_says_and_refuse_the_rest(client, spec, streamer):
    probed = 0
    for op in operations(spec):
        for param in op.parameters("query"):
            name, schema = param["name"], param["schema"]
            if schema.get("type") == "integer":
                good = [schema["minimum"], schema["maximum"]]
                bad = [schema["minimum"] - 1, schema["maximum"] + 1, "abc", "1.5"]
            elif "enum" in schema:
                good, bad = list(schema["enum"]), ["nonsense", schema["enum"][0].upper()]
            else:  # free text (a cursor is only ever one the API made): only its limits are probed
                good, bad = [], ["y" * (schema["maxLength"] + 1), "a\x00b"]
            for value in good:
                response = client.get(_url(op), query_string={name: value}, headers=streamer)
                assert response.status_code in op.statuses, (op.name, name, value, response.status_code)
                refused = response.status_code == 400 and response.json["error"].get("field") == name
                assert not refused, (op.name, name, value, response.json)
            for value in bad:
                response = client.get(_url(op), query_string={name: value}, headers=streamer)
                assert _error(response, op, 400)["field"] == name, (op.name, name, value)
            probed += 1
    assert probed >= 15  # range, limit, cursor, username, status, format across the routes


def test_path_parameters_take_what_the_document_says_and_refuse_the_rest(client, spec, streamer):
    schemas = Schemas(spec, random.Random(SEED), {})
    for op in operations(spec):
        body = _body_schema(op)
        example = {} if body is None else schemas.example(body)  # a body that gets as far as the path
        for param in op.parameters("path"):
            schema = param["schema"]
            if "enum" in schema:
                good = list(schema["enum"])
            elif schema.get("type") == "integer":
                good = ["0", "1", str(2**63 - 1)]
            else:
                good = ["current", "last", "1", "9" * 18]
            for value in good:
                response = client.open(
                    _url(op, **{param["name"]: value}),
                    method=op.method.upper(),
                    json=example,
                    headers=streamer,
                )
                assert response.status_code in op.statuses, (op.name, value, response.status_code)
                assert response.status_code != 400 or response.json["error"].get("field") not in (
                    param["name"],
                    "session",
                ), (op.name, value, response.json)
            for value in ["%C2%B9", "-1", "abc", "9" * 19, "CURRENT"]:
                response = client.open(
                    _url(op, **{param["name"]: value}),
                    method=op.method.upper(),
                    json=example,
                    headers=streamer,
                )
                if schema.get("type") == "integer" and response.status_code == 404:
                    # Not digits: the int converter does not route it at all (the framework's 404);
                    # too many digits: routed, and no such thing (the operation's own 404).
                    code = response.json["error"]["code"]
                    assert code == "no_such_endpoint" or 404 in op.statuses, (op.name, value, code)
                    continue
                # Outside the schema: the choice of a mode is a 404 (no such mode), a session a 400.
                expected = 404 if "enum" in schema else 400
                _error(response, op, expected)


def test_bodies_that_are_not_json_too_large_or_of_the_wrong_shape_get_their_declared_status(
    app, client, spec, streamer, settings: Settings
):
    limit = app.config["MAX_CONTENT_LENGTH"]
    for op in operations(spec):
        if "requestBody" not in op.spec:
            continue
        headers = _credentials(op, streamer, settings.bot_api_secret or "")

        def send(
            data: str,
            content_type: str = "application/json",
            op: Operation = op,
            headers: dict[str, str] = headers,
        ) -> Any:
            return client.open(
                _url(op), method=op.method.upper(), data=data, content_type=content_type, headers=headers
            )

        _error(send("{}", "text/plain"), op, 415)
        assert _error(send("{"), op, 400)["code"] == "invalid_json"
        assert _error(send('{"a": NaN}'), op, 400)["code"] == "invalid_json"
        assert _error(send('{"zz_not_a_field": 1}'), op, 422)["code"] == "validation_error"
        _error(send("x" * (limit + 1)), op, 413)


def test_every_operation_that_needs_the_database_says_503_and_answers_it_when_it_is_away(
    spec, settings: Settings
):
    # A pool that was never opened refuses every connection at once: the database is away.
    app = create_app(settings, db=Database("postgresql://127.0.0.1:1/nowhere"))
    client = app.test_client()
    token = AccessTokens(
        settings.jwt_secret or "", issuer=settings.jwt_issuer, audience=settings.jwt_audience
    )
    bearer = {"Authorization": f"Bearer {token.issue(1)[0]}"}
    app.config["SETTINGS"] = settings.model_copy(update={"allow_registration": True})
    schemas = Schemas(spec, random.Random(SEED), {})
    judge = Judge(app, spec, outage=True)
    for op in operations(spec):
        body = _body_schema(op)
        response = client.open(
            _url(op),
            method=op.method.upper(),
            headers=_credentials(op, bearer, settings.bot_api_secret or ""),
            data=None if body is None else json.dumps(schemas.example(body)),
            content_type=None if body is None else "application/json",
        )
        if 503 in op.statuses:
            assert response.status_code == 503, (op.name, response.json)
        else:
            assert response.status_code < 300, (op.name, response.status_code)
        # The answer keeps the document too: an ErrorOut, or /health's own HealthOut.
        assert judge.problems(response) == [], op.name


def test_a_thousand_hostile_requests_get_only_declared_answers(app, client, auth, settings: Settings):
    user_id = auth.create("pixel_wren", "correct horse", twitch_channel="pixel_wren")
    spec = client.get("/api/openapi.json").json
    fuzzer = Fuzzer(spec, Keys.of(settings, user_id, "pixel_wren", "correct horse"), seed=SEED)
    started = time.monotonic()
    report = run(app, fuzzer, requests=REQUESTS)
    elapsed = time.monotonic() - started
    assert report.requests == REQUESTS
    assert report.problems == [], "\n".join(report.problems[:20]) + f"\n({len(report.problems)} in all)"
    assert report.server_errors == 0
    assert elapsed < 30, f"{REQUESTS} requests took {elapsed:.1f} s"
    # Every operation was reached, and most got past authentication and validation at least once.
    reached = {name for name, _status in report.counts} - {NO_ROUTE}
    assert reached == {op.name for op in operations(spec)}
    successes = {name for name, status in report.counts if 200 <= status < 300}
    assert len(successes) >= len(reached) * 0.8, sorted(reached - successes)
