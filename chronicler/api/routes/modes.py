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
    db = services().db
    modes = mode_settings.get_modes(db, g.user.id)
    return respond(present.modes(modes.values(), mode_settings.live_modes(db, g.user.id)))


@bp.patch("/<mode>")
@login_required
@documented(
    "Change one mode (enabled, idle_minutes, active_chat_threshold), from now on or for tonight only",
    body=ModePatch,
    responses={200: ModeOut, 404: None},
    auth="bearer",
    path={"mode": choice("one of the five modes (another name: 404 no_such_mode)", MODES)},
)
def change(mode: str) -> Response:
    """Scope always (the default): the saved setting, which the session being chronicled follows within
    seconds. Scope tonight: only `enabled`, only in the session being chronicled (none: 404
    no_active_session); the next session starts from the saved setting again."""
    body = json_body(ModePatch)
    db = services().db
    changes = body.model_dump(exclude_none=True, exclude={"scope"})
    changed = mode_settings.change_mode(db, g.user.id, mode, changes, scope=body.scope)
    return respond(present.mode(changed, mode_settings.live_modes(db, g.user.id)))


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
