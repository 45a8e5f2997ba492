"""Benchmark the built-in parser on DMs written blind (bench/dm_blind/: by hands that never saw the parser or
its corpus): share understood (the intent; the intent and every stated slot), harmless DMs turned into
actions, switches carried out the other way (a mode turned on when asked off, a start for a stop) or asked
about the other way (a "yes" would carry that out) and changes made to something else than asked (another
mode, the session for a mode, another channel or flag), per language, on each set: DEV and EVAL (the two
halves of the first), EVAL2 (a second hand, written after the parser was tuned on DEV), DEV2 and EVAL3 (a
third hand, 700 DMs split 4:3), DEV3 and EVAL4 (a fourth hand, 500 DMs split 3:2), EVAL5 and EVAL6 (a fifth
and a sixth hand, held out whole), DEV4 and EVAL7 (a seventh hand, 400 DMs split 3:1), DEV5 and EVAL8 (an
eighth and a ninth hand, the second held out whole), EVAL9 (a tenth, held out whole), DEV6 and DEV7 (an
eleventh and a twelfth, to train on), and the later rounds bench/dm_blind/README.md lists. Only the DEV
sets' misses are ever printed (`--misses`): the EVAL sets are for reporting, never for tuning.
Run from the repo root: .venv/bin/python -m bench.blind_dms [--misses]"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronicler.contract.commands import STATE_CHANGING, Command
from chronicler.nlp.rules import RuleParser

BLIND = Path(__file__).resolve().parent / "dm_blind"
SETS = (
    "dev",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
    "dev7",
    "dev8",
    "dev9",
    "dev10",
    "dev11",
    "dev12",
    "dev13",
    "dev14",
    "dev15",
    "dev16",
    "dev17",
    "dev18",
    "dev19",
    "dev20",
    "dev21",
    "dev22",
    "dev23",
    "dev24",
    "dev25",
    "dev26",
    "dev27",
    "dev28",
    "dev29",
    "dev30",
    "dev31",
    "dev32",
    "dev33",
    "dev34",
    "dev35",
    "dev36",
    "dev37",
    "dev38",
    "dev39",
    "dev40",
    "dev41",
    "dev42",
    "dev43",
    "dev44",
    "dev45",
    "dev46",
    "dev47",
    "dev48",
    "dev49",
    "dev50",
    "dev51",
    "dev52",
    "dev53",
    "dev54",
    "dev55",
    "dev56",
    "dev57",
    "dev58",
    "dev59",
    "dev60",
    "dev61",
    "dev62",
    "dev63",
    "dev64",
    "eval",
    "eval2",
    "eval3",
    "eval4",
    "eval5",
    "eval6",
    "eval7",
    "eval8",
    "eval9",
    "eval10",
    "eval11",
    "eval12",
    "eval13",
    "eval14",
    "eval15",
    "eval16",
    "eval17",
    "eval18",
    "eval19",
    "eval20",
    "eval21",
    "eval22",
    "eval23",
    "eval24",
    "eval25",
    "eval26",
    "eval27",
    "eval28",
    "eval29",
)
_SLOTS = (
    "mode",
    "channel",
    "range",
    "idle_minutes",
    "timezone",
    "url",
    "code",
    "username",
    "scope",
    "session",
)


@dataclass(frozen=True)
class BlindDM:
    """One DM of the blind set with what its writer meant."""

    text: str
    intent: str  # "session.start", ..., "help", or "none"
    language: str
    slots: dict[str, Any] = field(default_factory=dict)


def load(half: str) -> list[BlindDM]:
    """The DMs of one set (one of `SETS`)."""
    rows = [json.loads(line) for line in (BLIND / f"{half}.jsonl").read_text(encoding="utf-8").splitlines()]
    return [BlindDM(r["text"], r["intent"], r["lang"], r.get("slots", {})) for r in rows if r]


def intent_of(command: Command) -> str:
    """The blind set's name for a command's intent."""
    if command.interaction_type == "unknown":
        return "none"
    return f"{command.interaction_type}.{command.action}" if command.action else command.interaction_type


def slots_agree(command: Command, dm: BlindDM) -> bool:
    """True when every slot the DM states is the command's (a slot the command has no field for is moot).
    Twitch logins are case-insensitive (the contract keeps them lower-cased), so a writer's
    "RustyHalberd" is the command's "rustyhalberd"."""
    stated = ((name, value) for name, value in dm.slots.items() if name in _SLOTS)
    return all(_same(name, getattr(command, name, value), value) for name, value in stated)


# A switch carried out the other way ("enlève le scribe" turned it on): worse than any question.
_OPPOSITE = {
    "mode.enable": "mode.disable",
    "mode.disable": "mode.enable",
    "session.start": "session.stop",
    "session.stop": "session.start",
}


# A "did you mean ...?" that proposes the switch the other way: a "yes" to it would carry that out.
_OTHER_WAY_ASKED = {
    "mode.enable": "Did you mean to turn off the ",
    "mode.disable": "Did you mean to turn on the ",
    "session.start": "Did you mean to stop chronicling",
    "session.stop": "Did you mean to start chronicling",
}


def _asked_the_other_way(command: Command, dm: BlindDM) -> bool:
    """True when the parser asks about the switch the other way than the DM meant."""
    asked = _OTHER_WAY_ASKED.get(dm.intent)
    question = command.question or ""
    return asked is not None and command.interaction_type == "unknown" and question.startswith(asked)


def _asked_a_change(dm: BlindDM) -> bool:
    """True when the DM asks for a change (its writer's intent changes state)."""
    kind, _, action = dm.intent.partition(".")
    return (kind, action or None) in STATE_CHANGING


def _same_target(command: Command, dm: BlindDM) -> bool:
    """True when a change lands where the DM meant it: the same mode, channel, chatter or flag."""
    stated = ((name, value) for name, value in dm.slots.items() if name in _TARGETS)
    return all(_same(name, getattr(command, name, value), value) for name, value in stated)


# Slots that say what a change acts on (a wrong one changes something else); a scope or a range does not.
_TARGETS = frozenset({"mode", "channel", "username", "item", "url", "verdict"})


def _same(name: str, got: Any, meant: Any) -> bool:
    if name in ("channel", "username") and isinstance(got, str) and isinstance(meant, str):
        return got.lower() == meant.lower()
    return bool(got == meant)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--misses", action="store_true", help="print the DEV sets' misses")
    options = args.parse_args()
    parser = RuleParser()
    halves = [half for half in SETS if (BLIND / f"{half}.jsonl").exists()]
    for half in halves:
        dms = load(half)
        intent_right = both_right = harmful = opposite = elsewhere = asked_back = 0
        per: dict[str, list[int]] = {}
        by_intent: dict[str, list[int]] = {}
        misses: list[str] = []
        for dm in dms:
            command = parser.parse(dm.text).command
            got = intent_of(command)
            ok = got == dm.intent
            full = ok and slots_agree(command, dm)
            intent_right += ok
            both_right += full
            for table, key in ((per, dm.language), (by_intent, dm.intent)):
                table.setdefault(key, [0, 0])
                table[key][0] += full
                table[key][1] += 1
            if dm.intent == "none" and command.changes_state:
                harmful += 1
            asked_back += _asked_the_other_way(command, dm)
            if _OPPOSITE.get(dm.intent) == got:
                opposite += 1
            elif dm.intent not in ("none", got) and command.changes_state and _asked_a_change(dm):
                elsewhere += 1
            elif got == dm.intent and command.changes_state and not _same_target(command, dm):
                elsewhere += 1
            if not full:
                misses.append(f"{dm.intent:24} {dm.text[:100]!r} -> {command.to_json()}")
        languages = ", ".join(f"{lang} {ok}/{total}" for lang, (ok, total) in sorted(per.items()))
        intents = ", ".join(
            f"{name} {ok}/{total}" for name, (ok, total) in sorted(by_intent.items()) if ok < total
        )
        print(
            f"blind DMs {half.upper()} ({len(dms)}): intent {intent_right / len(dms):.1%}, intent and slots "
            f"{both_right / len(dms):.1%}, {harmful} harmless DMs became actions, {opposite} switched the "
            f"other way, {elsewhere} changed something else, {asked_back} asked the other way ({languages})"
        )
        print(f"  intents with misses: {intents}")
        if options.misses and half.startswith("dev"):
            print("\n".join(f"  {m[:220]}" for m in misses))


if __name__ == "__main__":
    main()
