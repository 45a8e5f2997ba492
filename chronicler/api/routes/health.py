"""Liveness and database health."""

from __future__ import annotations

from flask import Blueprint, Response

from chronicler.api.openapi import documented
from chronicler.api.responses import respond
from chronicler.api.services import services
from chronicler.contract.api import HealthOut
from chronicler.contract.errors import ServiceUnavailable
from chronicler.store.health import ping

bp = Blueprint("health", __name__)


@bp.get("/health")
@documented("Is the API up and can it reach the database?", responses={200: HealthOut, 503: HealthOut})
def health() -> Response:
    """200 when the database answers a query, 503 otherwise."""
    try:
        ping(services().db)
    except ServiceUnavailable:
        return respond(HealthOut(status="degraded", database="unreachable"), 503)
    return respond(HealthOut(status="ok", database="ok"))
