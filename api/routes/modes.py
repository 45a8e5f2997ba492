"""Turning the five modes on and off and tuning them."""

from __future__ import annotations

from flask import Blueprint, Response, g, jsonify

from api.bodies import json_body
from api.openapi import documented
from api.schemas import ModeListOut, ModeOut, ModePatch
from api.security import login_required
from api.services import services
from core import mode_settings

bp = Blueprint("modes", __name__, url_prefix="/api/modes")


@bp.get("")
@login_required
@documented("The five modes and their settings", responses={200: ModeListOut}, auth="bearer")
def index() -> Response:
    """Warden, Librarian, Hearthkeeper, Steward and Scribe."""
    modes = mode_settings.get_modes(services().db, g.user.id)
    return jsonify({"items": [m.to_json() for m in modes.values()]})


@bp.patch("/<mode>")
@login_required
@documented("Change one mode (enabled, idle_minutes, active_chat_threshold)", body=ModePatch,
            responses={200: ModeOut, 404: None}, auth="bearer")
def change(mode: str) -> Response:
    """Takes effect for the next session (and the scheduler's next idle check)."""
    body = json_body(ModePatch)
    return jsonify(mode_settings.update_mode(services().db, g.user.id, mode, body.model_dump(exclude_none=True)).to_json())
