"""The OpenAPI document covers every route, with request and response schemas."""

from __future__ import annotations

import re

from openapi_spec_validator import validate


def test_every_route_is_documented(app, client):
    spec = client.get("/api/openapi.json").json
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)
        assert path in spec["paths"], f"{rule.rule} is missing from the OpenAPI document"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            operation = spec["paths"][path].get(method.lower())
            assert operation, f"{method} {rule.rule} is missing from the OpenAPI document"
            assert any(s.startswith("2") for s in operation["responses"]), f"{method} {rule.rule}: no success"


def test_bodies_and_security_are_declared(client):
    spec = client.get("/api/openapi.json").json
    login = spec["paths"]["/api/login"]["post"]
    assert login["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/Credentials")
    assert spec["paths"]["/api/me"]["get"]["security"] == [{"bearer": []}]
    assert spec["paths"]["/api/bot/token"]["post"]["security"] == [{"bot": []}]
    assert "TokenPairOut" in spec["components"]["schemas"]


def test_the_document_is_valid_openapi(client):
    validate(client.get("/api/openapi.json").json)


def test_a_body_is_required_in_the_document_exactly_where_the_api_requires_it(client, auth):
    spec = client.get("/api/openapi.json").json
    assert spec["paths"]["/api/login"]["post"]["requestBody"]["required"] is True
    assert spec["paths"]["/api/sessions"]["post"]["requestBody"]["required"] is False
    assert spec["paths"]["/api/logout"]["post"]["requestBody"]["required"] is False
    # And the API behaves as documented: no body at all is fine where it is optional, not elsewhere.
    auth.create("pixel_wren", twitch_channel="pixel_wren")
    headers = auth.headers("pixel_wren")
    assert client.post("/api/sessions", headers=headers, content_type="application/json").status_code == 201
    assert client.post("/api/login", content_type="application/json").status_code in (400, 415, 422)
