"""The commands as the model answers them: one sub-schema per command, told apart by ``"command"``.

On the wire a command is flat: ``{"command": "session.stop"}``, ``{"command": "mode.disable",
"mode": "warden", "scope": null}``. The discriminator names ``interaction_type.action`` (or the
interaction type alone for ``link``, ``help``, ``moderate`` and ``unknown``), and each sub-schema lists
only the slots that command can take, each typed (an enum, an integer, or a string). A model held to
the schema therefore cannot put a "question" on ``session.stop`` or a channel on ``help``.

Built by hand rather than from ``Command.model_json_schema()``: strict structured outputs want every
property listed in "required" (optional ones nullable), no "$defs"/"default", and many providers
reject min/max keywords. OpenAI's strict mode wants an object at the root, not ``anyOf``, so for
``json_schema`` the union sits under one property, ``{"parsed": {...}}``; the reader unwraps it.
"""

from __future__ import annotations

from typing import Any, get_args

from chronicler.contract.commands import (
    CONTRACT,
    MODES,
    RANGES,
    ModeScope,
    ReviewVerdict,
    SessionRef,
    TwitchGrant,
)

WRAPPER = "parsed"
DISCRIMINATOR = "command"

ENUM_SLOTS: dict[str, tuple[str, ...]] = {
    "range": RANGES,
    "session": get_args(SessionRef),
    "mode": MODES,
    "verdict": get_args(ReviewVerdict),
    "scope": get_args(ModeScope),
    "grant": get_args(TwitchGrant),
}
INTEGER_SLOTS = frozenset({"idle_minutes", "item"})
# Read by the built-in parser only: "what's the scribe?" is answered before any model is asked, so the
# model's schema stays as small as it was (every slot in it costs a small model accuracy).
RULES_ONLY = frozenset({"topic"})


def command_name(interaction_type: str, action: str | None) -> str:
    """ "session.stop", or "help" for a command without an action."""
    return interaction_type if action is None else f"{interaction_type}.{action}"


# "session.stop" -> ("session", "stop"), in the contract's order.
COMMANDS: dict[str, tuple[str, str | None]] = {command_name(*key): key for key in CONTRACT}


def _slot(name: str, *, nullable: bool) -> dict[str, Any]:
    if name in ENUM_SLOTS:
        values: list[Any] = list(ENUM_SLOTS[name])
        return {"type": ["string", "null"], "enum": [*values, None]} if nullable else {"enum": values}
    kind = "integer" if name in INTEGER_SLOTS else "string"
    return {"type": [kind, "null"]} if nullable else {"type": kind}


def _variant(name: str) -> dict[str, Any]:
    required, optional = CONTRACT[COMMANDS[name]]
    slots = sorted(required) + sorted(optional - RULES_ONLY)
    return {
        "type": "object",
        "properties": {
            DISCRIMINATOR: {"type": "string", "enum": [name]},
            **{slot: _slot(slot, nullable=slot not in required) for slot in slots},
        },
        "required": [DISCRIMINATOR, *slots],
        "additionalProperties": False,
    }


VARIANTS: tuple[dict[str, Any], ...] = tuple(_variant(name) for name in COMMANDS)

COMMAND_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {WRAPPER: {"anyOf": list(VARIANTS)}},
    "required": [WRAPPER],
    "additionalProperties": False,
}


def slots_of(name: str) -> frozenset[str]:
    """Every slot the named command can take."""
    required, optional = CONTRACT[COMMANDS[name]]
    return required | optional


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
