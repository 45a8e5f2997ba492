"""The OpenAPI 3 document, built from what each route declares with `@documented`."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from flask import Flask
from pydantic import BaseModel

from chronicler.contract.api import ErrorOut

F = TypeVar("F", bound=Callable[..., Any])
Auth = Literal["bearer", "bot", None]

_CONVERTER = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")
_STANDARD_ERRORS = {400: "Bad input", 413: "Body too large", 415: "Not JSON", 422: "Wrong fields", 500: "Bug"}


def documented(
    summary: str,
    *,
    body: type[BaseModel] | None = None,
    responses: dict[int, type[BaseModel] | None] | None = None,
    auth: Auth = None,
    query: dict[str, str] | None = None,
) -> Callable[[F], F]:
    """Declare a route's request and response schemas for the OpenAPI document."""

    def mark(view: F) -> F:
        view.__openapi__ = {  # type: ignore[attr-defined]
            "summary": summary,
            "body": body,
            "responses": responses or {200: None},
            "auth": auth,
            "query": query or {},
        }
        return view

    return mark


def build_spec(app: Flask) -> dict[str, Any]:
    """The whole document for the routes registered on `app`."""
    paths: dict[str, dict[str, Any]] = {}
    schemas: dict[str, Any] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint == "static":
            continue
        meta = getattr(app.view_functions[rule.endpoint], "__openapi__", None)
        if meta is None:
            continue  # tests/api/test_openapi.py fails for such a route
        path = _CONVERTER.sub(r"{\1}", rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(rule, meta, schemas)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Sanctum Chronicler API", "version": "1.0.0"},
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "bot": {"type": "apiKey", "in": "header", "name": "X-Bot-Secret"},
            },
        },
    }


def _operation(rule: Any, meta: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": meta["summary"], "operationId": rule.endpoint.replace(".", "_")}
    params = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in rule.arguments
    ]
    params += [
        {"name": name, "in": "query", "required": False, "schema": {"type": "string"}, "description": text}
        for name, text in meta["query"].items()
    ]
    if params:
        op["parameters"] = params
    if meta["body"] is not None:
        op["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(meta["body"], schemas)}},
        }
    responses: dict[str, Any] = {}
    for status, model in meta["responses"].items():
        entry: dict[str, Any] = {"description": "OK" if status < 300 else "Error"}
        if model is not None:
            entry["content"] = {"application/json": {"schema": _ref(model, schemas)}}
        responses[str(status)] = entry
    errors = dict(_STANDARD_ERRORS)
    if meta["auth"]:
        errors[401] = "Missing or bad credentials"
        op["security"] = [{meta["auth"]: []}]
    for status, text in errors.items():
        responses.setdefault(
            str(status),
            {"description": text, "content": {"application/json": {"schema": _ref(ErrorOut, schemas)}}},
        )
    op["responses"] = responses
    return op


def _ref(model: type[BaseModel], schemas: dict[str, Any]) -> dict[str, str]:
    """Register `model` (and the models it nests) under components and point at it."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, nested in schema.pop("$defs", {}).items():
        schemas.setdefault(name, nested)
    schemas.setdefault(model.__name__, schema)
    return {"$ref": f"#/components/schemas/{model.__name__}"}
