"""Per-streamer settings of the five modes (on/off, Hearthkeeper idle minutes, active-chat threshold)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from chronicler.contract.commands import MODES
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


def update_mode(db: Database, user_id: int, mode: str, changes: dict[str, Any]) -> ModeSetting:
    """Change one mode's settings; NotFound for an unknown mode, InvalidInput for bad values."""
    if mode not in MODES:
        raise NotFound(
            f"no mode called {mode!r}; the modes are {', '.join(MODES)}", code=ErrorCode.NO_SUCH_MODE
        )
    limits = {"idle_minutes": (1, 1440), "active_chat_threshold": (1, 10000)}
    for name, (low, high) in limits.items():
        value = changes.get(name)
        if value is not None and not low <= value <= high:
            raise InvalidInput(f"{name} must be between {low} and {high}", field=name)
    merged = {**asdict(get_modes(db, user_id)[mode]), **{k: v for k, v in changes.items() if v is not None}}
    db.upsert("mode_settings", {"user_id": user_id, **merged}, conflict=["user_id", "mode"], returning=None)
    return ModeSetting(**merged)
