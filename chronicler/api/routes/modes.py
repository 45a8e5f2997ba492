"""Turning the five modes on and off and tuning them, and the Warden's own lists."""

from __future__ import annotations

from flask import Blueprint, Response, g

from chronicler.api import present
from chronicler.api.bodies import json_body
from chronicler.api.openapi import choice, documented
from chronicler.api.responses import respond
from chronicler.api.security import login_required
from chronicler.api.services import services
from chronicler.contract.api import ModeListOut, ModeOut, ModePatch, WardenPatch, WardenSettings
from chronicler.contract.commands import MODES
from chronicler.store import mode_settings
from chronicler.store.warden_settings import get_warden_settings, update_warden_settings

bp = Blueprint("modes", __name__, url_prefix="/api/modes")


@bp.get("")
@login_required
@documented("The five modes and their settings", responses={200: ModeListOut}, auth="bearer")
def index() -> Response:
    """Warden, Librarian, Hearthkeeper, Steward and Scribe."""
    modes = mode_settings.get_modes(services().db, g.user.id)
    return respond(present.modes(modes.values()))


@bp.patch("/<mode>")
@login_required
@documented(
    "Change one mode (enabled, idle_minutes, active_chat_threshold)",
    body=ModePatch,
    responses={200: ModeOut, 404: None},
    auth="bearer",
    path={"mode": choice("one of the five modes (another name: 404 no_such_mode)", MODES)},
)
def change(mode: str) -> Response:
    """Takes effect for the next session (and the scheduler's next idle check)."""
    body = json_body(ModePatch)
    changed = mode_settings.update_mode(services().db, g.user.id, mode, body.model_dump(exclude_none=True))
    return respond(present.mode(changed))


warden_bp = Blueprint("warden", __name__, url_prefix="/api/warden")


@warden_bp.get("")
@login_required
@documented("Your Warden's blocked terms and allowed domains", responses={200: WardenSettings}, auth="bearer")
def warden_settings() -> Response:
    """Applied to the next session."""
    return respond(present.warden(get_warden_settings(services().db, g.user.id)))


@warden_bp.patch("")
@login_required
@documented(
    "Replace your blocked terms (* wildcards) or allowed domains",
    body=WardenPatch,
    responses={200: WardenSettings},
    auth="bearer",
)
def change_warden_settings() -> Response:
    """A term or domain the Warden cannot use is refused with a 400 that names it."""
    body = json_body(WardenPatch)
    changed = update_warden_settings(services().db, g.user.id, body.model_dump(exclude_none=True))
    return respond(present.warden(changed))
