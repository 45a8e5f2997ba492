"""From the model's JSON to a `Command`: unwrap, name the command, tidy its slots, validate.

Forgiving where a small model is sloppy and the meaning is still plain, strict where it is not:

* ``"null"``, ``"none"`` and ``""`` are a slot left out, not a value;
* a slot the command cannot take (a "question" on ``session.stop``) is dropped, with a note;
* a free-text value copied from the prompt's examples (the example webhook, channel, code) is
  dropped, with a note; the example placeholders are refused even when the DM holds them;
* an optional slot of the wrong type or out of range is dropped, with a note;
* no known command, or a required slot missing or wrong, is `LLMBadOutput`: the model may fix it.

The legacy flat shape ``{"interaction_type": ..., "action": ...}`` is still read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from chronicler.contract.commands import CONTRACT, SLOTS, Command
from chronicler.nlp.llm._chat import Reply
from chronicler.nlp.llm._extract import find_json_object, looks_like_refusal, strip_think
from chronicler.nlp.llm._prompt import EXAMPLE_VALUES, FREE_TEXT_SLOTS, PLACEHOLDERS
from chronicler.nlp.llm._schema import COMMANDS, DISCRIMINATOR, WRAPPER, command_name
from chronicler.nlp.llm.errors import LLMBadOutput, LLMRefused

_ABSENT = frozenset({"", "null", "none", "nil", "n/a", "undefined"})
_MAX_PROBLEMS = 4


@dataclass(frozen=True)
class Answer:
    """The command read, and what had to be dropped from the answer to get it."""

    command: Command
    notes: tuple[str, ...] = ()


def read_answer(reply: Reply, text: str) -> Answer:
    """The command in `reply` to the DM `text`; `LLMRefused` or `LLMBadOutput` when there is none."""
    if reply.refusal:
        raise LLMRefused(reply.refusal)
    content = strip_think(reply.content)
    # Reasoning models served without a parser sometimes leave content empty and put everything,
    # answer included, in the reasoning text; there the answer comes last.
    source = content or strip_think(reply.reasoning)
    if not source:
        raise LLMBadOutput("the answer was empty")
    found = find_json_object(source, last=not content)
    if found is None:
        if looks_like_refusal(source):
            raise LLMRefused(source)
        raise LLMBadOutput("no JSON object in the answer")
    return read_object(found, text)


def read_object(found: dict[str, Any], text: str) -> Answer:
    """The command in one decoded JSON object (see the module docstring)."""
    if isinstance(inner := found.get(WRAPPER), dict):
        found = inner
    key = _command_key(found)
    required, optional = CONTRACT[key]
    name = command_name(*key)
    notes: list[str] = []
    slots: dict[str, Any] = {}
    lowered = text.lower()
    for slot, value in found.items():
        if slot in (DISCRIMINATOR, "interaction_type", "action") or _absent(value):
            continue
        if slot not in required | optional:
            taken = "a slot no command takes" if slot not in SLOTS else f"{name} takes no {slot}"
            notes.append(f"dropped {slot}: {taken}")
            continue
        if slot in FREE_TEXT_SLOTS and isinstance(value, str) and _copied(value, lowered):
            notes.append(f"dropped {slot}: copied from the prompt's examples")
            continue
        slots[slot] = value
    try:
        return Answer(Command(interaction_type=key[0], action=key[1], **slots), tuple(notes))  # type: ignore[arg-type]
    except ValidationError as exc:
        bad = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
        droppable = (bad & set(slots)) - required
        if not droppable or bad - droppable:
            raise LLMBadOutput(_problems(exc, name, notes)) from exc
        for slot in sorted(droppable):
            notes.append(f"dropped {slot}: {slots.pop(slot)!r} is not a valid {slot}")
    try:
        return Answer(Command(interaction_type=key[0], action=key[1], **slots), tuple(notes))  # type: ignore[arg-type]
    except ValidationError as exc:
        raise LLMBadOutput(_problems(exc, name, notes)) from exc


def _command_key(found: dict[str, Any]) -> tuple[str, str | None]:
    """(interaction_type, action) the answer names, or `LLMBadOutput` saying what may be named."""
    named = found.get(DISCRIMINATOR)
    if isinstance(named, str):
        named = named.strip().lower()
        if named in COMMANDS:
            return COMMANDS[named]
        action = found.get("action")
        if isinstance(action, str) and (joined := command_name(named, action.strip().lower())) in COMMANDS:
            return COMMANDS[joined]
    kind, action = found.get("interaction_type"), found.get("action")
    if isinstance(kind, str) and (action is None or isinstance(action, str)):
        if (joined := command_name(kind, None if _absent(action) else action)) in COMMANDS:
            return COMMANDS[joined]
        if named is None:
            raise LLMBadOutput(f"action {action!r} does not go with {kind!r}")
    shown = named if named is not None else found.get("interaction_type")
    raise LLMBadOutput(f"command {shown!r} is not one of {', '.join(COMMANDS)}")


def _absent(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in _ABSENT)


def _copied(value: str, dm: str) -> bool:
    """A placeholder of ours, or an example's value the DM does not hold."""
    lowered = value.strip().lower()
    return lowered in PLACEHOLDERS or (lowered in EXAMPLE_VALUES and lowered not in dm)


def _problems(exc: ValidationError, name: str, notes: list[str]) -> str:
    problems = []
    for error in exc.errors()[:_MAX_PROBLEMS]:
        where = ".".join(str(part) for part in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        problems.append(f"{where}: {message}" if where else message)
    dropped = f" ({'; '.join(notes)})" if notes else ""
    return f"{name}: " + "; ".join(problems) + dropped
