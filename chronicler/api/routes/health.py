"""Liveness and database health."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from chronicler.api.openapi import documented
from chronicler.api.services import services
from chronicler.contract.api import HealthOut
from chronicler.contract.errors import ServiceUnavailable

bp = Blueprint("health", __name__)


@bp.get("/health")
@documented("Is the API up and can it reach the database?", responses={200: HealthOut, 503: HealthOut})
def health() -> tuple[Response, int]:
    """200 when the database answers a query, 503 otherwise."""
    try:
        services().db.fetch_value("SELECT 1")
    except ServiceUnavailable:
        return jsonify({"status": "degraded", "database": "unreachable"}), 503
    return jsonify({"status": "ok", "database": "ok"}), 200
