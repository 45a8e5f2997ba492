"""Holding both sides to the contract in tests: a body must be exactly what its model makes of it.

    exact(UserOut, body)          the body read as the model (unknown keys refused) and dumped back unchanged
    check_app(app)                every JSON answer of `app` checked against what its route declares

`check_app` is what the API, bot and end-to-end suites wrap their app in: a 2xx body must be one of the
models its route declares for that status, an error body an `ErrorOut`. Violations fail the request
(an AssertionError raised from the app) and are kept in `violations(app)` for the fixture to report,
since behind waitress the raise only shows as a 500.
"""

from __future__ import annotations

from typing import Any, TypeVar

from flask import Flask, Response, request
from pydantic import ValidationError

from chronicler.api.openapi import declaration
from chronicler.contract.api import ErrorOut, Out

M = TypeVar("M", bound=Out)
_VIOLATIONS = "contract_violations"


def exact(model: type[M], body: Any, *, exclude_none: bool = False) -> M:
    """`body` as `model`; AssertionError if it has keys the model lacks or lacks keys the model sends."""
    try:
        parsed = model.model_validate(body, extra="forbid")
    except ValidationError as exc:
        raise AssertionError(f"not a {model.__name__}: {exc}") from exc
    again = parsed.model_dump(mode="json", exclude_none=exclude_none)
    assert again == body, f"a {model.__name__} dumps as {again!r}, not {body!r}"
    return parsed


def problem(app: Flask, endpoint: str | None, status: int, body: Any) -> str | None:
    """What is wrong with a JSON answer of `endpoint` with `status`, or None when it keeps the contract."""
    if status >= 400:
        try:
            exact(ErrorOut, body, exclude_none=True)
        except AssertionError as exc:
            return f"{endpoint} {status}: {exc}"
        return None
    view = app.view_functions.get(endpoint or "")
    declared = declaration(view) if view is not None else None
    if declared is None:
        return f"{endpoint} {status}: the route declares nothing (@documented)"
    models = declared.responses.get(status)
    if models is None:
        return f"{endpoint} answered {status}, which it does not declare"
    if not models:
        return None  # declared without a model: only the OpenAPI document itself (tests/api/test_openapi.py)
    reasons = []
    for model in models:
        try:
            exact(model, body)
        except AssertionError as exc:
            reasons.append(str(exc))
        else:
            return None
    return f"{endpoint} {status}: " + "; ".join(reasons)


def check_app(app: Flask) -> Flask:
    """Check every JSON answer of `app` against the contract from now on; `app` itself."""
    found: list[str] = app.extensions.setdefault(_VIOLATIONS, [])

    @app.after_request
    def keep_the_contract(response: Response) -> Response:
        """Let the response through when it keeps the contract; else record the violation and raise."""
        if response.is_json and not response.direct_passthrough:
            wrong = problem(app, request.endpoint, response.status_code, response.get_json())
            if wrong is not None:
                found.append(wrong)
                raise AssertionError(wrong)
        return response

    return app


def violations(app: Flask) -> list[str]:
    """What `check_app` found so far."""
    return list(app.extensions.get(_VIOLATIONS, []))


def forget_violations(app: Flask) -> None:
    """Drop what `check_app` found (a test that provoked a violation on purpose)."""
    app.extensions.get(_VIOLATIONS, []).clear()
