"""Every JSON body a route answers with: a contract model, checked against what the route declared.

    return respond(present.user(user))              200 with a UserOut, declared `responses={200: UserOut}`
    return respond(present.session_detail(s, modes), 201)

The model's type must be one the route's `@documented(responses=...)` names for that status, exactly
(a subclass carries other keys): the OpenAPI document and the bodies sent cannot drift apart. A
mismatch is a bug, raised as `UndeclaredResponse`, which the API answers with a logged 500.
"""

from __future__ import annotations

from flask import Response, current_app, jsonify, request

from chronicler.api.openapi import declaration
from chronicler.contract.api import Out


class UndeclaredResponse(TypeError):
    """A view answered with a model its route does not declare for that status (a programming error)."""


def respond(body: Out, status: int = 200) -> Response:
    """`body` dumped as the JSON response with `status`, once checked against the route's declaration."""
    view = current_app.view_functions.get(request.endpoint or "")
    declared = declaration(view) if view is not None else None
    allowed = declared.responses.get(status, ()) if declared is not None else ()
    if type(body) not in allowed:
        names = " or ".join(model.__name__ for model in allowed) or "no model"
        raise UndeclaredResponse(
            f"{request.endpoint} answered {status} with {type(body).__name__}; "
            f"it declares {names} for {status}"
        )
    response = jsonify(body.model_dump(mode="json"))
    response.status_code = status
    return response
