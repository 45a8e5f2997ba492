"""Per-streamer settings of the five modes (on/off, Hearthkeeper idle minutes, active-chat threshold).

A change is "always" (the saved setting, which the session being chronicled follows at once) or
"tonight" (only the session being chronicled, kept in `session_mode_overrides`; the next session
starts from the saved settings again). `session_modes` is what a session runs with: the saved
settings with its own overrides on top; the pipeline and the scheduler read it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, get_args

from chronicler.contract.commands import MODES, ModeScope
from chronicler.contract.errors import ErrorCode, InvalidInput, NotFound
from chronicler.store import Database


@dataclass(frozen=True)
class ModeSetting:
    """One mode's settings for one streamer."""

    mode: str
    enabled: bool = True
    idle_minutes: int = 15
    active_chat_threshold: int = 5


def get_modes(db: Database, user_id: int) -> dict[str, ModeSetting]:
    """All five modes, defaults filled in for those never changed."""
    rows = {r["mode"]: r for r in db.select("mode_settings", {"user_id": user_id})}
    return {
        mode: ModeSetting(
            mode=mode,
            enabled=rows[mode]["enabled"],
            idle_minutes=rows[mode]["idle_minutes"],
            active_chat_threshold=rows[mode]["active_chat_threshold"],
        )
        if mode in rows
        else ModeSetting(mode)
        for mode in MODES
    }


def enabled_modes(db: Database, user_id: int) -> dict[str, bool]:
    """Mode name -> on/off."""
    return {name: setting.enabled for name, setting in get_modes(db, user_id).items()}


SCOPES: tuple[str, ...] = get_args(ModeScope)


def update_mode(db: Database, user_id: int, mode: str, changes: dict[str, Any]) -> ModeSetting:
    """Change one mode's saved settings; NotFound for an unknown mode, InvalidInput for bad values.

    The session being chronicled follows: a "tonight" override of this mode's on/off is dropped.
    """
    _check_mode(mode)
    limits = {"idle_minutes": (1, 1440), "active_chat_threshold": (1, 10000)}
    for name, (low, high) in limits.items():
        value = changes.get(name)
        if value is not None and not low <= value <= high:
            raise InvalidInput(f"{name} must be between {low} and {high}", field=name)
    merged = {**asdict(get_modes(db, user_id)[mode]), **{k: v for k, v in changes.items() if v is not None}}
    with db.transaction():
        db.upsert(
            "mode_settings", {"user_id": user_id, **merged}, conflict=["user_id", "mode"], returning=None
        )
        if changes.get("enabled") is not None:
            db.execute(
                "DELETE FROM session_mode_overrides WHERE mode = %s AND session_id IN"
                " (SELECT id FROM stream_sessions WHERE user_id = %s AND status = 'active')",
                (mode, user_id),
            )
    return ModeSetting(**merged)


def change_mode(
    db: Database, user_id: int, mode: str, changes: dict[str, Any], *, scope: str | None = None
) -> ModeSetting:
    """Change one mode "always" (the default: `update_mode`) or "tonight" (`set_for_session`)."""
    if scope not in (None, *SCOPES):
        raise InvalidInput(f"scope is {' or '.join(SCOPES)}", field="scope")
    if scope != "tonight":
        return update_mode(db, user_id, mode, changes)
    _check_mode(mode)
    others = sorted(name for name, value in changes.items() if value is not None and name != "enabled")
    if others:
        raise InvalidInput(
            f"only enabled can be changed for tonight; {', '.join(others)} are saved settings", field="scope"
        )
    if changes.get("enabled") is None:
        raise InvalidInput("a change for tonight turns the mode on or off: send enabled", field="enabled")
    return set_for_session(db, user_id, mode, enabled=bool(changes["enabled"]))


def set_for_session(db: Database, user_id: int, mode: str, *, enabled: bool) -> ModeSetting:
    """Turn a mode on or off for the session being chronicled only; NotFound when none is.

    The saved setting, returned, is unchanged.
    """
    _check_mode(mode)
    session_id = db.fetch_value(
        "SELECT id FROM stream_sessions WHERE user_id = %s AND status = 'active'", (user_id,)
    )
    if session_id is None:
        raise NotFound(
            "no session is being chronicled, so there is no tonight to change; "
            "change the saved setting instead (scope always)",
            code=ErrorCode.NO_ACTIVE_SESSION,
        )
    db.upsert(
        "session_mode_overrides",
        {"session_id": session_id, "mode": mode, "enabled": enabled},
        conflict=["session_id", "mode"],
        returning=None,
    )
    return get_modes(db, user_id)[mode]


def session_modes(db: Database, user_id: int, session_id: int) -> dict[str, ModeSetting]:
    """What the session runs with: the saved settings, its own "tonight" on/off on top."""
    modes = get_modes(db, user_id)
    for row in db.select("session_mode_overrides", {"session_id": session_id}):
        if row["mode"] in modes:
            modes[row["mode"]] = replace(modes[row["mode"]], enabled=row["enabled"])
    return modes


def live_modes(db: Database, user_id: int) -> dict[str, bool] | None:
    """Mode name -> on/off in the session being chronicled; None when none is."""
    session_id = db.fetch_value(
        "SELECT id FROM stream_sessions WHERE user_id = %s AND status = 'active'", (user_id,)
    )
    if session_id is None:
        return None
    return {name: setting.enabled for name, setting in session_modes(db, user_id, session_id).items()}


def _check_mode(mode: str) -> None:
    """NotFound `no_such_mode` for a name that is none of the five."""
    if mode not in MODES:
        raise NotFound(
            f"no mode called {mode!r}; the modes are {', '.join(MODES)}", code=ErrorCode.NO_SUCH_MODE
        )
