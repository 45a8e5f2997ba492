"""What each route declares with `@documented`, and the OpenAPI 3 document built from it.

The declaration is also what `api.responses.respond` checks a view's answer against, so the document
and the bodies sent are one thing: a route answers with a model it declared for that status, or fails.
Query and path parameters are declared with the schema their parser enforces (`integer`, `choice`,
`text`, `session_ref`), and the error statuses every route shares are added from what it declares:
a body brings 400, 413, 415 and 422; credentials bring 401; the database brings 503.
tests/api/test_openapi.py probes each declared parameter and status, and tests/api/test_fuzz.py
holds every answer of the API to the statuses this document lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from flask import Flask
from pydantic import BaseModel
from werkzeug.routing import IntegerConverter, Rule

from chronicler.contract.api import ErrorOut, Out

F = TypeVar("F", bound=Callable[..., Any])
Auth = Literal["bearer", "bot", None]
# Per status: the model of the body, several when the route may answer with either, None for no model
# (an error status then means the usual ErrorOut; a 2xx, a body outside the contract: the document itself).
Responses = Mapping[int, type[Out] | tuple[type[Out], ...] | None]

_CONVERTER = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")
# What each error status means, whichever route answers it.
_ERRORS = {
    400: "Bad input: malformed JSON, or a value the route refuses (`field` names it)",
    401: "Missing, malformed, expired, forged or revoked credentials",
    403: "Not allowed",
    404: "No such thing (or it is someone else's)",
    409: "Clashes with the current state",
    413: "Body larger than the server takes",
    415: "Body not sent as application/json",
    422: "Body is JSON but lacks the fields or types the route takes (`field` names it)",
    429: "Too many attempts; wait `retry_after` seconds (also the Retry-After header)",
    500: "A bug on our side (logged); the body says nothing more",
    503: "The database (or another backing service) is unreachable; try again",
}


@dataclass(frozen=True)
class Param:
    """A query or path parameter: the JSON Schema its parser enforces, and what it means."""

    description: str
    schema: Mapping[str, Any]


def integer(description: str, *, low: int, high: int, default: int) -> Param:
    """A whole number in [low, high], as `api.params.query_int` reads it (empty: the default)."""
    return Param(description, {"type": "integer", "minimum": low, "maximum": high, "default": default})


def choice(description: str, values: tuple[str, ...], *, default: str | None = None) -> Param:
    """One of `values` (empty or absent: the default, or the route's own choice when None)."""
    schema: dict[str, Any] = {"type": "string", "enum": list(values)}
    if default is not None:
        schema["default"] = default
    return Param(description, schema)


def text(description: str, *, max_length: int = 200) -> Param:
    """Free text, as `api.params.query_str` reads it: at most `max_length` characters, no NUL."""
    return Param(description, {"type": "string", "maxLength": max_length, "pattern": "^[^\\x00]*$"})


def session_ref(description: str = "current, last or a session id") -> Param:
    """A session as `store.sessions.get_session` names it: current, last, or up to 18 ASCII digits."""
    return Param(description, {"type": "string", "pattern": "^(current|last|[0-9]{1,18})$"})


@dataclass(frozen=True)
class Declaration:
    """What one route declared: summary, body, responses per status, auth, parameters, database use."""

    summary: str
    body: type[BaseModel] | None
    body_optional: bool  # the route takes no body at all as well (an empty one means the defaults)
    responses: dict[int, tuple[type[Out], ...]]  # an empty tuple: no model declared for that status
    auth: Auth
    query: dict[str, Param]
    path: dict[str, Param]
    database: bool  # the route reads or writes the database, so it can answer 503 when it is away


def documented(
    summary: str,
    *,
    body: type[BaseModel] | None = None,
    body_optional: bool = False,
    responses: Responses | None = None,
    auth: Auth = None,
    query: Mapping[str, Param | str] | None = None,
    path: Mapping[str, Param] | None = None,
    database: bool = True,
) -> Callable[[F], F]:
    """Declare a route's body (and whether it may be left out), responses, auth, parameters, database use.

    A query parameter given as plain text is free text (`text`) with that description. A path
    parameter not named in `path` is documented from its converter (`<int:...>` an integer).
    """
    declared = Declaration(
        summary=summary,
        body=body,
        body_optional=body_optional,
        responses={status: _models(model) for status, model in (responses or {200: None}).items()},
        auth=auth,
        query={name: text(p) if isinstance(p, str) else p for name, p in (query or {}).items()},
        path=dict(path or {}),
        database=database,
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


def statuses(declared: Declaration) -> set[int]:
    """Every status the route can answer: those it declares and those its body, auth and database bring."""
    found = set(declared.responses) | {500}
    if declared.body is not None:
        found |= {400, 413, 415, 422}
    if declared.query:
        found.add(400)  # every query parameter is checked: out of range, not a choice, too long
    if declared.auth:
        found.add(401)
    if declared.database:
        found.add(503)
    return found


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


def _operation(rule: Rule, declared: Declaration, schemas: dict[str, Any]) -> dict[str, Any]:
    """One method of one path: parameters, request body, responses (the usual errors added) and security."""
    op: dict[str, Any] = {"summary": declared.summary, "operationId": rule.endpoint.replace(".", "_")}
    params = [
        {"name": name, "in": "path", "required": True, **_described(_path_param(rule, name, declared))}
        for name in sorted(rule.arguments)
    ]
    params += [
        {"name": name, "in": "query", "required": False, **_described(param)}
        for name, param in declared.query.items()
    ]
    if params:
        op["parameters"] = params
    if declared.body is not None:
        op["requestBody"] = {
            "required": not declared.body_optional,
            "content": {"application/json": {"schema": _ref(declared.body, schemas)}},
        }
    responses: dict[str, Any] = {}
    for status in sorted(statuses(declared)):
        models = declared.responses.get(status, ())
        entry: dict[str, Any] = {"description": "OK" if status < 300 else _ERRORS.get(status, "Error")}
        if not models and status >= 400:
            models = (ErrorOut,)
        if models:
            refs = [_ref(model, schemas) for model in models]
            # anyOf, not oneOf: a LedgerDocumentOut is also a LedgerOut (more keys), so it matches both.
            schema = refs[0] if len(refs) == 1 else {"anyOf": refs}
            entry["content"] = {"application/json": {"schema": schema}}
        if status == 429:
            entry["headers"] = {
                "Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer", "minimum": 1}}
            }
        responses[str(status)] = entry
    if declared.auth:
        op["security"] = [{declared.auth: []}]
    op["responses"] = responses
    return op


def _path_param(rule: Rule, name: str, declared: Declaration) -> Param:
    """A path parameter as declared, else as its converter matches it (a non-empty segment, no slash)."""
    if name in declared.path:
        return declared.path[name]
    if isinstance(rule._converters.get(name), IntegerConverter):
        return Param("an id", {"type": "integer", "minimum": 0})
    return Param(name, {"type": "string", "minLength": 1, "pattern": "^[^/]+$"})


def _described(param: Param) -> dict[str, Any]:
    """The `schema` and `description` of a parameter object."""
    return {"schema": dict(param.schema), "description": param.description}


def _ref(model: type[BaseModel], schemas: dict[str, Any]) -> dict[str, str]:
    """Register `model` (and the models it nests) under components and point at it."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, nested in schema.pop("$defs", {}).items():
        schemas.setdefault(name, nested)
    schemas.setdefault(model.__name__, schema)
    return {"$ref": f"#/components/schemas/{model.__name__}"}
