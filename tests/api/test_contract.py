"""One contract for what crosses the API: bodies are the declared models, errors carry an ErrorCode."""

from __future__ import annotations

import pytest
from flask import jsonify

from chronicler.api.openapi import declaration, documented
from chronicler.api.responses import respond
from chronicler.contract.api import ErrorOut, HealthOut, OkOut, SessionDetailOut, SessionOut
from chronicler.contract.errors import ErrorCode
from chronicler.store import UniqueViolation
from tests.api.contract_check import exact, forget_violations, problem


def test_an_unknown_route_is_no_such_endpoint_and_a_missing_thing_is_not(client, auth):
    unknown = client.get("/api/nothing-here")
    assert unknown.status_code == 404
    assert unknown.json == {"error": {"code": ErrorCode.NO_SUCH_ENDPOINT, "message": "no such endpoint"}}
    missing = client.get("/api/sessions/current", headers=auth.headers())
    assert missing.status_code == 404 and missing.json["error"]["code"] == ErrorCode.NO_ACTIVE_SESSION


def test_a_wrong_method_is_method_not_allowed(client):
    response = client.delete("/api/login")
    assert response.status_code == 405 and response.json["error"]["code"] == ErrorCode.METHOD_NOT_ALLOWED


def test_a_throttled_login_says_when_to_retry_in_the_body_too(client, auth):
    auth.create()
    for _ in range(5):
        client.post("/api/login", json={"username": "pixel_wren", "password": "wrong password"})
    response = client.post("/api/login", json={"username": "pixel_wren", "password": "correct horse"})
    error = exact(ErrorOut, response.json, exclude_none=True).error
    assert response.status_code == 429 and error.code == ErrorCode.RATE_LIMITED
    assert error.retry_after == int(response.headers["Retry-After"]) >= 1


def test_a_view_answering_with_a_model_it_did_not_declare_fails_loudly(app, caplog):
    @app.get("/api/undeclared")
    @documented("answers with the wrong model", responses={200: OkOut})
    def undeclared():
        """Declares OkOut, answers HealthOut."""
        return respond(HealthOut(status="ok", database="ok"))

    @app.get("/api/subclass")
    @documented("answers with a subclass of the declared model", responses={200: SessionOut})
    def subclass():
        """Declares SessionOut, answers its subclass (which has one key more)."""
        return respond(
            SessionDetailOut(
                id=1,
                channel="x",
                theme=None,
                status="active",
                started_at="2024-04-30T20:03:00+00:00",
                ended_at=None,
                end_reason=None,
                last_chat_at=None,
                message_count=0,
                modes={},
            )
        )

    client = app.test_client()
    for path, model in (("/api/undeclared", "HealthOut"), ("/api/subclass", "SessionDetailOut")):
        response = client.get(path)
        assert response.status_code == 500 and response.json["error"]["code"] == ErrorCode.INTERNAL_ERROR
        assert f"with {model}" in caplog.text


def test_the_check_catches_a_body_that_bypasses_the_models(app):
    @app.get("/api/bypass")
    @documented("builds its own dict", responses={200: HealthOut})
    def bypass():
        """Answers with a dict of its own, not through `respond`."""
        return jsonify({"status": "ok", "database": "ok", "extra": 1})

    with pytest.raises(AssertionError, match="HealthOut"):
        app.test_client().get("/api/bypass")
    forget_violations(app)  # provoked on purpose: the fixture need not report it again
    assert problem(app, "health.health", 200, {"status": "ok"}) is not None
    assert problem(app, "health.health", 200, {"status": "ok", "database": "ok"}) is None
    assert problem(app, None, 404, {"error": {"code": "x"}}) is not None


def test_every_success_declares_its_model(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("static", "docs.openapi"):
            continue  # the OpenAPI document is the contract's description, not a body within it
        declared = declaration(app.view_functions[rule.endpoint])
        assert declared is not None, rule.rule
        successes = {status: models for status, models in declared.responses.items() if status < 300}
        assert successes and all(successes.values()), f"{rule.rule}: a 2xx without its model"


def test_the_ledger_answers_either_declared_model_and_the_document_says_so(client):
    spec = client.get("/api/openapi.json").json
    schema = spec["paths"]["/api/sessions/{ref}/ledger"]["get"]["responses"]["200"]["content"]
    refs = [one["$ref"] for one in schema["application/json"]["schema"]["anyOf"]]
    assert [ref.rsplit("/", 1)[1] for ref in refs] == ["LedgerOut", "LedgerDocumentOut"]
    conflict = spec["paths"]["/api/sessions"]["post"]["responses"]["409"]["content"]
    assert conflict["application/json"]["schema"]["$ref"].endswith("/ErrorOut")


def test_an_internal_error_raised_on_purpose_answers_500_without_its_text(app, caplog):
    @app.get("/api/internal")
    @documented("fails inside", responses={200: OkOut})
    def internal():
        """Raises an internal ChroniclerError whose text names a database constraint."""
        raise UniqueViolation("users_username_key")

    response = app.test_client().get("/api/internal")
    assert response.status_code == 500 and response.json["error"]["code"] == ErrorCode.INTERNAL_ERROR
    assert "users_username_key" not in response.get_data(as_text=True)
    assert "users_username_key" in caplog.text
