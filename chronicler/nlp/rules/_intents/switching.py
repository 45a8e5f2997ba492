"""Switching things on and off: chronicling sessions (start/stop) and modes (enable/disable)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from chronicler.contract.commands import MODES, Action
from chronicler.nlp.rules import _intl as intl
from chronicler.nlp.rules import _news as news
from chronicler.nlp.rules import _wording as wording
from chronicler.nlp.rules._intents._base import (
    NOISE,
    TERSE_FORM,
    Candidate,
    mode_name,
    modes_in,
    one_login,
    only_noise,
    state_score,
    strays,
    switches_it,
)
from chronicler.nlp.rules._lexicon import (
    ANNOUNCE_DONE,
    ANNOUNCE_LIVE,
    ASSIGN,
    FILLER,
    GREETING,
    KNOWN,
    MODE_PREFIX,
    OBJ_MODES,
    OBJ_SESSION,
    PARTICLE_OFF,
    PARTICLE_ON,
    SLOT_DURATION,
    SLOT_TIME,
    THANKS,
    VERB_OFF,
    VERB_ON,
    VERB_RECORD,
    VERB_TURN,
)
from chronicler.nlp.rules._logins import (
    WHICH_CHANNEL,
    channel_after_preposition,
    channels,
    elsewhere_unnamed,
    login_of,
    their_channel,
)
from chronicler.nlp.rules._slots import THEME_LIMIT
from chronicler.nlp.rules._text import Clause, Token
from chronicler.nlp.rules._utterance import Utterance


def switch(u: Utterance) -> Iterator[Candidate]:
    """Start or stop chronicling; turn a mode on or off.

    Needs an imperative verb leading a clause ("start", "stop", "end", "turn on", "disable",
    "chronicle") and an object after it: chronicling/the session/the stream, "tonight" or a channel for a
    session; a mode name for a mode ("stop the steward" turns the steward off). A DM that is only the
    verb ("stop", "ok stop", "start it") means the session. A slang verb ("stahp", "pause") or one
    with stray words ("end the stream early", "turn off the warden for 10 minutes") is only a
    "did you mean ...?". "toggle the warden"
    asks which way. "warden off" is accepted as the terse form it is.
    """
    for clause in u.clauses:
        lead = clause.lead
        if lead is None:
            continue
        if lead.concept in (VERB_ON, VERB_OFF, VERB_RECORD):
            yield from _switch(u, clause, lead)
        elif lead.concept == VERB_TURN:
            yield from _toggle(u, clause, lead)
        elif lead.concept and lead.concept.startswith(MODE_PREFIX):
            yield from _terse_switch(u, clause, lead)


def _switch(u: Utterance, clause: Clause, verb: Token) -> Iterator[Candidate]:
    rest = clause.rest
    # "stop disabling the steward": the off verb is what stops, so the mode goes on.
    on = verb.concept != VERB_OFF or intl.off_undone(clause.said)
    modes = modes_in(rest)
    sessions = [t for t in rest if t.concept in (OBJ_SESSION, VERB_RECORD)]
    if modes and sessions and rest.index(modes[0]) < rest.index(sessions[0]) and verb.concept != VERB_RECORD:
        # "enable the librarian for tonight's stream only": the stream says for how long, the mode is
        # what is switched (it started chronicling).
        sessions = []
    if not modes and not sessions and verb.concept != VERB_RECORD:
        # "the librarian needs a break, turn it off for this stream": "it" is the mode named before (it
        # stopped chronicling); of two named before, the switch asks which.
        modes = _modes_told_before(u, clause)
    if not modes and not sessions and _all_modes(clause) and verb.concept != VERB_RECORD:
        # "disable all modes": one at a time, so ask which.
        ask: str | None = wording.which_mode(list(MODES))
        yield Candidate(
            "mode",
            "enable" if on else "disable",
            state_score(u, clause, verb.weight, 1.0),
            {"mode": MODES[0]},
            ask,
            clause.negated,
        )
        return
    if modes and not sessions:
        if verb.concept == VERB_RECORD:
            return
        # "turn off the steward and the warden": the second mode sits in a clause of its own.
        trailing = [
            t for other in u.clauses if other is not clause and _names_only_modes(other) for t in other.tokens
        ]
        modes = modes_in([*modes, *trailing])
        # "turn on hearthkeeper every 20 minutes" also sets its idle time: `configure` proposes that.
        allowed = _MODE_WORDS | ({SLOT_DURATION} if on else set()) | {OBJ_SESSION}
        stray = strays(rest, frozenset(allowed))
        score = state_score(u, clause, verb.weight, modes[0].weight, stray=stray)
        ask = wording.which_mode([mode_name(m) for m in modes]) if len(modes) > 1 else None
        slots = {"mode": mode_name(modes[0])}
        yield Candidate("mode", "enable" if on else "disable", score, slots, ask, clause.negated, stray)
        return
    current = [u.times[t.slot] for t in rest if t.concept == SLOT_TIME and u.times[t.slot].range == "current"]
    this_stream = any(ref.names_stream for ref in current)  # "end this session"
    # "pit stop strategy: stop on lap 22, start on mediums": beside the opposite verb, "on <word>"
    # is a list of moves in a game, not a channel to chronicle.
    channel_named = bool(channels(u)) or (
        channel_after_preposition(clause) is not None and not _opposite_verb(u, clause, on)
    )
    if not sessions and switches_it(clause) and intl.modes_named(u.text):
        # "the quiet pinger isn't needed. Turn it off for this stream only": "it" is the mode described
        # (the intent model reads which), not the session the stream's time names.
        return
    if sessions or this_stream or (on and (current or channel_named)):
        obj = max(t.weight for t in sessions) if sessions else 0.75
        slots, ask = _start_slots(u, clause) if on else ({}, None)
        stray = strays(rest, _SESSION_WORDS, spare=slots.get("channel"))
        score = state_score(u, clause, verb.weight, obj, stray=stray)
        yield Candidate("session", "start" if on else "stop", score, slots, ask, clause.negated, stray)
    elif only_noise(rest) or (
        verb.text in _BARE_VERBS and only_noise([t for t in rest if not _for_now(t, u)])
    ):
        # A DM that is nothing but "stop" (or "ok stop", "start please", "stop for tonight") is said to the
        # bot, and the session is the one thing it starts and stops; inside a longer message the bare verb
        # only asks, unless the rest of it says the stream just went live or is ending ("we're live! start
        # it").
        bare = verb.concept != VERB_RECORD and verb.text in _BARE_VERBS
        said = [
            other
            for other in u.clauses
            if other is clause or not (_manners_only(other) or _emphasis_only(other))
        ]
        # "shut it off, stream crashed and I'm not coming back": "it", beside news of the stream, is the
        # session too.
        it = [t.text for t in rest if t.concept not in NOISE] == [] and any(t.text == "it" for t in rest)
        whole = (bare and (len(said) == 1 or _announced(u, clause, on))) or (it and _announced(u, clause, on))
        score = state_score(u, clause, verb.weight, 0.75 if whole else 0.0)
        yield Candidate("session", "start" if on else "stop", score, negated=clause.negated)


_SESSION_WORDS = frozenset({OBJ_SESSION, VERB_RECORD})


def _modes_told_before(u: Utterance, clause: Clause) -> list[Token]:
    """The modes earlier clauses name when this one switches "it" ("the librarian needs a break, turn it
    off"), one token per mode; none when it switches no "it"."""
    if not switches_it(clause):
        return []
    before = [t for other in u.clauses[: u.clauses.index(clause)] for t in modes_in(other.tokens)]
    return list({mode_name(t): t for t in before}.values())


# News alone ("I'm live!") is as plain as a verb and its object; any doubt keeps it under STATE_ACCEPT.
NEWS = 0.9
_BARE_VERBS = frozenset({"start", "stop", "begin", "end", "finish"})
_MODE_WORDS = frozenset({OBJ_MODES})


def _announced(u: Utterance, clause: Clause, on: bool) -> bool:
    """True when another clause of the DM says the stream went live (for a start) or is over (for a
    stop), before the bare verb or after it ("start it up, about to go live")."""
    news = ANNOUNCE_LIVE if on else ANNOUNCE_DONE
    return any(news in other.concepts for other in u.clauses if other is not clause)


def _for_now(token: Token, u: Utterance) -> bool:
    """True for "for" and for a time that is the stream in progress ("stop for tonight", "for now")."""
    if token.concept == SLOT_TIME:
        return u.times[token.slot].range == "current"
    return token.text == "for"


def _manners_only(clause: Clause) -> bool:
    """True for a clause of thanks or a greeting alone ("thank u", "ty!!"): it makes no DM longer."""
    concepts = [t.concept for t in clause.tokens]
    return any(c in (THANKS, GREETING) for c in concepts) and all(c in (*NOISE, KNOWN) for c in concepts)


# What only insists on the request ("stop, that's it", "ok NOW stop, for real this time"): no DM longer.
_EMPHASIS = frozenset(
    {
        "that's it",
        "thats it",
        "for real",
        "for real this time",
        "i mean it",
        "seriously",
        "no really",
        "now",
        "right now",
        "this time",
        "already",
    }
)


def _emphasis_only(clause: Clause) -> bool:
    """True for a clause that only insists ("that's it", "for real this time")."""
    return " ".join(t.text for t in clause.tokens) in _EMPHASIS


def _opposite_verb(u: Utterance, clause: Clause, on: bool) -> bool:
    """True when another clause of the DM has the opposite switch verb ("stop ..., start ...")."""
    opposite = VERB_ON if not on else VERB_OFF
    return any(opposite in other.concepts for other in u.clauses if other is not clause)


def _all_modes(clause: Clause) -> bool:
    """ "disable all modes", "turn off every feature"; not "enable slow mode" (a Twitch setting)."""
    words = [t.text for t in clause.tokens]
    return any(
        t.concept == OBJ_MODES
        and (t.text in ("modes", "features") or words[i - 1 : i] in (["all"], ["every"]))
        for i, t in enumerate(clause.tokens)
    )


def _names_only_modes(clause: Clause) -> bool:
    """True for a clause like "and the warden": mode names and nothing else that means anything."""
    names = modes_in(clause.tokens)
    return bool(names) and all(t in names or t.concept in (*NOISE, KNOWN) for t in clause.tokens)


def _start_slots(u: Utterance, clause: Clause) -> tuple[dict[str, Any], str | None]:
    slots: dict[str, Any] = {}
    logins = channels(u)
    if not logins and (after := channel_after_preposition(clause)) is not None:
        logins = [after]
    if not logins and (theirs := their_channel(u.text)) is not None:
        logins = [login_of(theirs)]
    channel, ask = one_login(logins, "channel")
    if channel:
        slots["channel"] = channel
    elif ask is None and elsewhere_unnamed(u.text):
        ask = WHICH_CHANNEL  # "start chronicling instead of mine": not the own channel, and not named
    if u.found.themes:
        if u.found.theme_too_long:
            ask = ask or f"That theme is too long; could you keep it under {THEME_LIMIT} characters?"
        else:
            slots["theme"] = u.found.themes[0]
    return slots, ask


def _toggle(u: Utterance, clause: Clause, verb: Token) -> Iterator[Candidate]:
    modes = modes_in(clause.rest)
    if modes:
        name = mode_name(modes[0])
        score = state_score(u, clause, verb.weight, modes[0].weight)
        ask = f"Turn the {name} on or off?"
        yield Candidate("mode", "enable", score, {"mode": name}, ask, clause.negated)


def _terse_switch(u: Utterance, clause: Clause, mode: Token) -> Iterator[Candidate]:
    # "warden on for good", "steward off tonight": how long it lasts is the scope, read elsewhere.
    said = [
        t
        for t in clause.rest
        if t.concept not in (FILLER, ASSIGN) and t.text != "forgood" and not _for_now(t, u)
    ]
    if len(said) == 1 and said[0].concept in (PARTICLE_ON, PARTICLE_OFF):
        action: Action = "enable" if said[0].concept == PARTICLE_ON else "disable"
        score = state_score(u, clause, TERSE_FORM, mode.weight)
        yield Candidate("mode", action, score, {"mode": mode_name(mode)}, negated=clause.negated)


def announcement(u: Utterance) -> Iterator[Candidate]:
    """ "We're live" / "that's a wrap": a start or a stop when the DM says nothing else ("I'm live! 🎮",
    "gg everyone, offline now"); beside other words ("we're live with a new game, what did the warden
    catch?") only worth a "did you mean to start chronicling?"."""
    for live in (True, False):
        if news.only_news(u, live):
            clause = u.clauses[0]
            yield Candidate("session", "start" if live else "stop", state_score(u, clause, NEWS, NEWS))
            return
    for clause in u.clauses:
        others = [t for t in clause.tokens if t.concept not in (*NOISE, KNOWN, ANNOUNCE_LIVE, ANNOUNCE_DONE)]
        if len(others) > 1:
            continue
        # Marked stray: news about the stream is only ever asked about, whatever the intent model thinks.
        if ANNOUNCE_LIVE in clause.concepts:
            yield Candidate("session", "start", 0.5, stray=True)
        elif ANNOUNCE_DONE in clause.concepts:
            yield Candidate("session", "stop", 0.5, stray=True)
