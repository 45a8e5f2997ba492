"""What each route declares with `@documented`, and the OpenAPI 3 document built from it.

The declaration is also what `api.responses.respond` checks a view's answer against, so the document
and the bodies sent are one thing: a route answers with a model it declared for that status, or fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from flask import Flask
from pydantic import BaseModel

from chronicler.contract.api import ErrorOut, Out

F = TypeVar("F", bound=Callable[..., Any])
Auth = Literal["bearer", "bot", None]
# Per status: the model of the body, several when the route may answer with either, None for no model
# (an error status then means the usual ErrorOut; a 2xx, a body outside the contract: the document itself).
Responses = Mapping[int, type[Out] | tuple[type[Out], ...] | None]

_CONVERTER = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")
_STANDARD_ERRORS = {400: "Bad input", 413: "Body too large", 415: "Not JSON", 422: "Wrong fields", 500: "Bug"}


@dataclass(frozen=True)
class Declaration:
    """What one route declared: its summary, request body, response models per status, auth and query."""

    summary: str
    body: type[BaseModel] | None
    body_optional: bool  # the route takes no body at all as well (an empty one means the defaults)
    responses: dict[int, tuple[type[Out], ...]]  # an empty tuple: no model declared for that status
    auth: Auth
    query: dict[str, str]


def documented(
    summary: str,
    *,
    body: type[BaseModel] | None = None,
    body_optional: bool = False,
    responses: Responses | None = None,
    auth: Auth = None,
    query: dict[str, str] | None = None,
) -> Callable[[F], F]:
    """Declare a route's request body (and whether it may be left out), responses, auth and query."""
    declared = Declaration(
        summary=summary,
        body=body,
        body_optional=body_optional,
        responses={status: _models(model) for status, model in (responses or {200: None}).items()},
        auth=auth,
        query=query or {},
    )

    def mark(view: F) -> F:
        """Attach the declaration to `view` and hand it back unchanged."""
        # An attribute rather than a registry: functools.wraps in the security decorators carries it over.
        view.__openapi__ = declared  # type: ignore[attr-defined]
        return view

    return mark


def declaration(view: Callable[..., Any]) -> Declaration | None:
    """What `view` declared with `@documented`, or None."""
    found = getattr(view, "__openapi__", None)
    return found if isinstance(found, Declaration) else None


def _models(model: type[Out] | tuple[type[Out], ...] | None) -> tuple[type[Out], ...]:
    """One status's declared models as a tuple (empty for none)."""
    if model is None:
        return ()
    return model if isinstance(model, tuple) else (model,)


def build_spec(app: Flask) -> dict[str, Any]:
    """The whole document for the routes registered on `app`."""
    paths: dict[str, dict[str, Any]] = {}
    schemas: dict[str, Any] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint == "static":
            continue
        declared = declaration(app.view_functions[rule.endpoint])
        if declared is None:
            continue  # tests/api/test_openapi.py fails for such a route
        path = _CONVERTER.sub(r"{\1}", rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(rule, declared, schemas)
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


def _operation(rule: Any, declared: Declaration, schemas: dict[str, Any]) -> dict[str, Any]:
    """One method of one path: parameters, request body, responses (the usual errors added) and security."""
    op: dict[str, Any] = {"summary": declared.summary, "operationId": rule.endpoint.replace(".", "_")}
    params = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in rule.arguments
    ]
    params += [
        {"name": name, "in": "query", "required": False, "schema": {"type": "string"}, "description": text}
        for name, text in declared.query.items()
    ]
    if params:
        op["parameters"] = params
    if declared.body is not None:
        op["requestBody"] = {
            "required": not declared.body_optional,
            "content": {"application/json": {"schema": _ref(declared.body, schemas)}},
        }
    responses: dict[str, Any] = {}
    for status, models in declared.responses.items():
        entry: dict[str, Any] = {"description": "OK" if status < 300 else "Error"}
        if not models and status >= 400:
            models = (ErrorOut,)
        if models:
            refs = [_ref(model, schemas) for model in models]
            schema = refs[0] if len(refs) == 1 else {"oneOf": refs}
            entry["content"] = {"application/json": {"schema": schema}}
        responses[str(status)] = entry
    errors = dict(_STANDARD_ERRORS)
    if declared.auth:
        errors[401] = "Missing or bad credentials"
        op["security"] = [{declared.auth: []}]
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
