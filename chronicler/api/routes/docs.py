"""The OpenAPI document of the API."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from chronicler.api.openapi import build_spec, documented

bp = Blueprint("docs", __name__, url_prefix="/api")


@bp.get("/openapi.json")
@documented("This document", database=False)
def openapi() -> Response:
    """OpenAPI 3.1, generated from the routes themselves."""
    return jsonify(build_spec(current_app))
