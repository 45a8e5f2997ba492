"""The `Command` schema as providers accept it on the wire, and the `response_format` payloads."""

from __future__ import annotations

from typing import Any, get_args

from chronicler.contract.commands import MODES, RANGES, SLOTS, Action, InteractionType, SessionRef

# Built by hand rather than from Command.model_json_schema(): strict structured outputs want every
# property listed in "required" (optional ones nullable), no "$defs"/"default", and many providers
# reject min/max keywords. The contract rules (which slots go with which action) live in
# Command's validator; its errors are fed back to the model on retry.
_ENUM_SLOTS: dict[str, tuple[str, ...]] = {
    "range": RANGES,
    "session": get_args(SessionRef),
    "mode": MODES,
}
_INTEGER_SLOTS = frozenset({"idle_minutes"})


def _slot(name: str) -> dict[str, Any]:
    if name in _ENUM_SLOTS:
        return {"type": ["string", "null"], "enum": [*_ENUM_SLOTS[name], None]}
    if name in _INTEGER_SLOTS:
        return {"type": ["integer", "null"]}
    return {"type": ["string", "null"]}


COMMAND_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "interaction_type": {"type": "string", "enum": list(get_args(InteractionType))},
        "action": {"type": ["string", "null"], "enum": [*get_args(Action), None]},
        **{name: _slot(name) for name in SLOTS},
    },
    "required": ["interaction_type", "action", *SLOTS],
    "additionalProperties": False,
}


def response_format(kind: str) -> dict[str, Any]:
    """The `response_format` request field for "json_schema" or "json_object"."""
    if kind == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": "command", "strict": True, "schema": COMMAND_SCHEMA},
        }
    if kind == "json_object":
        return {"type": "json_object"}
    raise ValueError(f"no wire response_format for {kind!r}")
