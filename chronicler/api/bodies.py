"""Reading a JSON request body into a pydantic model, with a specific error for each way it fails."""

from __future__ import annotations

from typing import TypeVar

from flask import current_app, request
from pydantic import BaseModel, ValidationError
from werkzeug.exceptions import UnsupportedMediaType

from chronicler.api import strict_json
from chronicler.api.openapi import declaration
from chronicler.contract.errors import ErrorCode, InvalidInput

M = TypeVar("M", bound=BaseModel)


class BodyInvalid(InvalidInput):
    """The body parsed as JSON but does not have the fields and types the endpoint takes (422)."""

    status = 422
    code = ErrorCode.VALIDATION_ERROR


def json_body(model: type[M]) -> M:
    """The request body validated as `model`: 415 if not JSON, 400 if malformed, 422 if wrong fields.

    A route that declares its body optional (`@documented(body_optional=True)`, which the OpenAPI
    document says too) takes an empty one as the model's defaults.
    """
    raw = request.get_data(cache=True)
    if not raw and _body_optional():
        return model()
    if not request.is_json:
        raise UnsupportedMediaType("send the body as JSON with Content-Type: application/json")
    try:
        data = strict_json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"the body is not valid JSON: {exc}", code=ErrorCode.INVALID_JSON) from exc
    if not isinstance(data, dict):
        raise BodyInvalid("the body must be a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise BodyInvalid(f"{where}: {first['msg']}", field=where) from exc


def _body_optional() -> bool:
    """Whether the route being served declared that its body may be left out."""
    view = current_app.view_functions.get(request.endpoint or "")
    declared = declaration(view) if view is not None else None
    return declared is not None and declared.body_optional
