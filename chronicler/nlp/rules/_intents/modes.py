"""Mode settings and questions: how long the hearthkeeper waits, and which modes are on."""

from __future__ import annotations

import re
from collections.abc import Iterator

from chronicler.nlp.rules import _intl as intl
from chronicler.nlp.rules import _wording as wording
from chronicler.nlp.rules._intents._base import (
    NOISE,
    TERSE_FORM,
    Candidate,
    asked_then_switched,
    is_question,
    mode_name,
    modes_in,
    read_score,
    state_score,
    switches_it,
)
from chronicler.nlp.rules._lexicon import (
    KNOWN,
    MODE_PREFIX,
    OBJ_IDLE,
    OBJ_MODES,
    PARTICLE_OFF,
    QUESTION,
    SLOT_DURATION,
    SLOT_NUMBER,
    STATE_VERBS,
    STATUS,
    VERB_ON,
    VERB_SET,
)
from chronicler.nlp.rules._numbers import new_value
from chronicler.nlp.rules._text import Clause
from chronicler.nlp.rules._utterance import Utterance

_MODE_STATES = frozenset({"on", "off", "enabled", "disabled", "active", "running", "set", "doing", "working"})


def configure(u: Utterance) -> Iterator[Candidate]:
    """Set how long a mode waits: "set hearthkeeper to 20 minutes", "hearthkeeper every 20 minutes".

    Needs a target (a mode name, or an idle word, which means the hearthkeeper) and either a setting
    verb leading the clause ("set", "change", "make", "bump") or the clause led by the target itself with
    a duration ("hearthkeeper every 20 minutes", "idle time 15m"). A number without a unit is taken as
    minutes. A setting verb without a number asks for one; a wrong number (seconds, 0, over a day) asks
    again rather than guess.
    """
    for clause in u.clauses:
        lead = clause.lead
        modes = modes_in(clause.tokens)
        idle = clause.having(OBJ_IDLE)
        if lead is None or not (modes or idle):
            continue
        durations = [u.durations[t.slot].minutes for t in clause.having(SLOT_DURATION)]
        numbers = [float(u.numbers[t.slot]) for t in clause.having(SLOT_NUMBER)]
        if not (durations or numbers):
            durations = _given_to_it(u, clause)
        if lead.concept == VERB_SET:
            form = lead.weight
        elif lead.concept == VERB_ON and durations:
            form = TERSE_FORM
        elif lead.concept == OBJ_IDLE or (lead.concept or "").startswith(MODE_PREFIX):
            if not (durations or numbers):
                continue
            form = TERSE_FORM
        else:
            continue
        named = [mode_name(m) for m in modes]
        mode = named[0] if named else "hearthkeeper"
        if ("hearthkeeper" not in named and not idle) or PARTICLE_OFF in clause.concepts:
            # Only the hearthkeeper waits: "warden off for 10 minutes" wants it off for a while (which
            # the switch asks about), no wait set on a mode that has none.
            continue
        minutes, ask = _minutes(_new_value(u.text, [*_alternatives(u), *durations] if durations else numbers))
        if minutes is None and ask is None:
            ask = f"How many minutes should the {mode} wait? For example 'set {mode} to 20 minutes'."
        if len(modes) > 1:
            ask = wording.which_mode([mode_name(m) for m in modes])
        target = modes[0].weight if modes else 0.85 * idle[0].weight
        # "set it to 20 minutes" names a length, not a time to do it; "start it in 10 minutes" does.
        ignore = frozenset() if lead.concept == VERB_ON else frozenset({"schedule"})
        score = state_score(u, clause, form, target, ignore=ignore)
        slots = {"mode": mode, **({"idle_minutes": minutes} if minutes is not None else {})}
        yield Candidate("mode", "configure", score, slots, ask, clause.negated)


# A setting verb or a wish in another language, anywhere in the DM: "pon el hearthkeeper a media hora",
# "passe le délai du chat mort à 45 minutes", "Ruhezeit auf eine Viertelstunde setzen", "quero que o bot
# espere meia hora".
_SET_ELSEWHERE = re.compile(
    r"\b(?:pon|ponga|ponle|mets|mettez|met|regle|reglez|passe|passez|stell|setz|define|defina|muda|mude|cambia"
    r"|cambie|ajusta|ajuste|coloca|coloque|bota|deixa|deja|quiero\s+que|je\s+veux\s+que|quero\s+que|soll)\w*"
)


_ELSEWHERE = ("es", "fr", "de", "pt")


def _given_to_it(u: Utterance, clause: Clause) -> list[float]:
    """The wait given to "it" in a later clause ("Is it possible to change how long the hearthkeeper
    waits? ... please set it to 22 minutes")."""
    later = u.clauses[u.clauses.index(clause) + 1 :]
    for other in later:
        if other.lead is not None and other.lead.concept == VERB_SET and switches_it(other):
            return [u.durations[t.slot].minutes for t in other.having(SLOT_DURATION)]
    if len(u.durations) == 1 and (waited := _WAITED.search(u.masked)) is not None:
        # "make the hearthkeeper chill, 35 min before it pings": the only duration, said as the wait.
        return [u.durations[int(waited["slot"])].minutes]
    return []


# A duration said as what is waited: "35 min before it pings", "20 minutes of quiet", "10 min without chat".
_WAITED = re.compile(
    r"<dur:(?P<slot>\d+)>\s+(?:before\s+(?:it|you|the\s+bot)\b|of\s+(?:quiet|silence|nothing|dead\s+chat)\b"
    r"|without\b)"
)


# In English, the hearthkeeper described rather than named, and its wait given as a setting: "chat nudge =
# 22 min", "..., make it 40", "chat nudge quiet time 2 hours", "can the chat nudge wait like 45 min?".
_SET_DESCRIBED = re.compile(
    r"=|\b(?:make|set|change|bump)\s+(?:it|that)\b|\bwait(?:s|ing)?\s+(?:like\s+|about\s+|for\s+)?\d"
    r"|\b(?:quiet|idle|wait|silence)\s+(?:time|period)\b|\bshould\s+(?:be|wait)\b|\bonly\s+after\b"
)
# "please poke them after 8 minutes of quiet", "nudge chat aftr 5 mins of no msgs": the wait asked for.
# Both this and `_WAIT_AS_CONDITION` count only when asked (`_ASKED`): "the nudge fires after 15 minutes
# of quiet" tells how it is now.
_AFTER_QUIET = re.compile(
    r"\baft(?:e)?r\s+(?:like\s+|about\s+)?\w+\s*(?:min\w*|hours?|hrs?)\s+(?:of\s+)?(?:quiet|silence|no\s+\w+"
    r"|nothing|dead\s+chat|inactivity)"
)
_ASKED = re.compile(
    r"^\W*(?:nudge|poke|ping|pign|wake|revive|prompt)\b|\b(?:please|pls|plz|only|can\s+(?:you|u)"
    r"|could\s+(?:you|u)|should|make|set|change|let)\b"
)
# "only nudge chat if it's been quiet for 60 minutes": the wait is told as the condition the mode acts on,
# which is the setting itself, not a condition on the request.
_WAIT_AS_CONDITION = re.compile(
    r"\b(?:if|when|once)\b[^.,;!?]{0,30}\b(?:quiet|silent|dead|idle|talked|typed|chatted|said\s+anything)"
    r"\s+(?:for\s+)?(?:like\s+|about\s+|over\s+)?\w+\s*(?:min\w*|hours?|hrs?)\b"
)


def configure_described(u: Utterance) -> Iterator[Candidate]:
    """Set how long the hearthkeeper waits when it is described, not named ("the chat nudge", "the thing
    that pokes chat"), or in another language: a setting verb or a wish, and one number of minutes, in
    digits or words ("media hora", "vinte e cinco")."""
    if not u.clauses or intl.modes_named(u.text) != ["hearthkeeper"]:
        return
    plain = intl.unaccented(u.text.lower())
    named = any(modes_in(clause.tokens) for clause in u.clauses)  # then `configure` reads it in English
    told = _ASKED.search(plain)
    condition = _WAIT_AS_CONDITION.search(plain) if told else None
    asked = condition or _SET_DESCRIBED.search(plain) or (told and _AFTER_QUIET.search(plain))
    if not named and asked and not any(c.negated for c in u.clauses):
        new = new_value(plain)
        values = [float(new)] if new else [float(value) for value in dict.fromkeys(intl.minutes(u.text))]
        minutes, ask = _minutes(values)
        if minutes is not None:
            ignore = frozenset({"conditional"}) if condition else frozenset()
            score = state_score(u, u.clauses[0], TERSE_FORM, 1.0, ignore=ignore)
            yield Candidate(
                "mode", "configure", score, {"mode": "hearthkeeper", "idle_minutes": minutes}, ask
            )
        return
    if not _SET_ELSEWHERE.search(plain):
        return
    # Short DMs are easily taken for the wrong language ("no pongas ..." reads as Portuguese, where "no"
    # means "in the"): a condition or a "no" in any of them keeps the change from being made.
    if any(intl.doubted(u.text, language) or intl.negated(u.text, language) for language in _ELSEWHERE):
        return  # "si el chat está muerto, pon ...", "no pongas ..."
    values = list(dict.fromkeys(intl.minutes(u.text)))
    minutes, ask = _minutes([float(value) for value in values])
    if minutes is None:
        return
    clause = u.clauses[0]
    score = state_score(u, clause, TERSE_FORM, 1.0)
    slots = {"mode": "hearthkeeper", "idle_minutes": minutes}
    yield Candidate("mode", "configure", score, slots, ask)


# "20 → 10", "from 15 to 25", "30 instead of 15": the old wait and the new one; the new one is meant.
_FROM_TO = re.compile(
    r"(?:\bfrom\s+)?(?P<old>\d+)\s*(?:m\w*\s*)?(?:→|->|=>|⇒|(?<=\s)to(?=\s))\s*(?P<new>\d+)"
    r"|(?P<instead>\d+)\s*(?:m\w*\s*)?instead\s+of\s+\d+"
)


def _new_value(text: str, values: list[float]) -> list[float]:
    """`values`, or only the new one when the DM says which of two it changes to (see `_FROM_TO`)."""
    if len(set(values)) != 2 or (said := _FROM_TO.search(text)) is None:
        return values
    new = float(said["new"] or said["instead"])
    return [new] if new in values else values


# "10 or 20 minutes", "10-15 minutes": a bare number offered beside a duration is another value, so the
# bot asks which rather than take the one with the unit.
_ALTERNATIVE = re.compile(r"(?:<num:(?P<slot>\d+)>|\b(?P<digits>\d{1,4}))\s*(?:or|to|-|–)\s*<dur:\d+>")


def _alternatives(u: Utterance) -> list[float]:
    """The bare numbers offered as alternatives to a duration ("10 or 20 minutes")."""
    found: list[float] = []
    for offered in _ALTERNATIVE.finditer(u.masked):
        slot = offered["slot"]
        found.append(float(u.numbers[int(slot)]) if slot is not None else float(offered["digits"]))
    return found


def _minutes(values: list[float]) -> tuple[int | None, str | None]:
    if not values:
        return None, None
    if len(set(values)) > 1:
        listed = " or ".join(f"{v:g}" for v in sorted(set(values)))
        return None, f"Which one do you mean: {listed} minutes?"
    value = values[0]
    if value != int(value) or not 1 <= value <= 1440:
        return None, "The idle time must be whole minutes, from 1 to 1440 (a day). How many minutes?"
    return int(value), None


def mode_list(u: Utterance) -> Iterator[Candidate]:
    """Which modes are on: "which modes are on?", "list modes", "is the warden on?", "warden status"."""
    for clause in u.clauses:
        lead = clause.lead
        if lead is None or lead.concept in STATE_VERBS:
            continue
        if clause.concepts & STATE_VERBS and not is_question(clause):
            continue  # "maybe turn off the warden" is a (doubted) command, not a question
        if asked_then_switched(u, clause):
            continue  # "what does the steward do? ok turn it on"
        named = modes_in(clause.tokens)
        word = clause.having(OBJ_MODES)
        asked = is_question(clause) or STATUS in clause.concepts
        # A named mode only asks about modes when it asks whether it is on: "is the warden on?",
        # "warden status", "steward?"; "what did the scribe write?" asks something else.
        about_state = (
            {t.text for t in clause.tokens} & _MODE_STATES
            or STATUS in clause.concepts
            or all(t in named or t.concept in (*NOISE, KNOWN, QUESTION) for t in clause.tokens)
        )
        if word:
            score = read_score(max(t.weight for t in word), asked=asked, extra=0.1 if named else 0.0)
        elif named and asked and about_state:
            score = read_score(named[0].weight, asked=True)
        else:
            continue
        yield Candidate("mode", "list", score, negated=clause.negated)
