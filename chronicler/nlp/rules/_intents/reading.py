"""Read-only requests: session status, the lists (flags, clips, blog, stats), the ledger, help."""

from __future__ import annotations

import re
from collections.abc import Iterator

from chronicler.nlp.rules import _intl as intl
from chronicler.nlp.rules._intents._base import (
    NOISE,
    Candidate,
    asked_then_switched,
    clamp,
    is_question,
    modes_in,
    one_login,
    only_noise,
    range_slots,
    read_score,
    session_slots,
    state_score,
    strays,
)
from chronicler.nlp.rules._lexicon import (
    HELP,
    KNOWN,
    LIVENESS,
    NEGATION,
    OBJ_CHANNEL,
    OBJ_LEDGER,
    OBJ_MODES,
    OBJ_SESSION,
    OBJ_WEBHOOK,
    QUESTION,
    READ_OBJECTS,
    STATE_VERBS,
    STATUS,
    VERB_POST,
    VERB_READ,
    VERB_RECORD,
)
from chronicler.nlp.rules._logins import usernames
from chronicler.nlp.rules._text import Clause, Token
from chronicler.nlp.rules._utterance import Utterance

# "are *you* running?", "is *it* on?", "is this *thing* on?"
_SUBJECTS = frozenset({"you", "u", "it", "chronicler", "bot", "thing"})
_NOTHING = Token("", weight=0.0)
_LEDGER_WORDS = frozenset({OBJ_LEDGER})
# The ledger sent to Discord, where the clause ends: "to discord (please)", "into my discord", "sur le
# discord stp", "an den webhook". Not "the ledger in discord looks great".
_TO_DISCORD = re.compile(
    r"\b(?:to|into|onto|in|on|sur|an|no|na|al|en|pro|pra|auf|ins|au)\s+(?:(?:the|my|our|le|den|el|o|a|community)\s+)*"
    # The streamer's Discord server is where the webhook posts: "al server", "auf den server".
    r"(?:discord|webhook|(?:discord\s+)?server|servidor|serveur|announcements(?:\s+channel)?)"
    r"(?:\s+(?:please|pls|plz|stp|bitte|porfa|now|rn|asap|thanks|ty|lol|lmao|kekw|lul|omegalul|pog|poggers|xd))*\s*$"
)
# Said of a ledger already sent, or asked whether it was, or of how it looks there ("the ledger looked
# great in discord", "love seeing the ledger in discord"): no request to post it.
_SENT_ALREADY = re.compile(
    r"\b(?:went|gone|posted|sent|made|got|did|was|has|have|had|showed|appeared|arrived|came|is|are|looks?"
    r"|looked|looking|see|seeing|saw|seen|love[sd]?|loving|like[sd]?|hate[sd]?|enjoy(?:ed|s)?)\b"
)
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "u", "they", "he", "she", "i'm", "im", "we're"})
# A destination with no posting verb is a little less than one with it ("post the ledger").
_DESTINATION_ONLY = 0.75


def _sent_to_discord(clause: Clause) -> bool:
    """True when a clause sends the ledger to Discord without a reading verb, not as news or a question."""
    said = clause.said
    lead = clause.lead
    told = (
        any(t.text in _SUBJECT_PRONOUNS for t in clause.tokens) and not clause.polite
    )  # "I love the ledger in discord"
    return (
        not told
        and _TO_DISCORD.search(said) is not None
        and not _SENT_ALREADY.search(said)
        # "stop posting ledgers to discord" stops them: a switching verb is no posting.
        and not (lead is not None and lead.concept in (VERB_READ, QUESTION, *STATE_VERBS))
        and not any(t.concept == NEGATION for t in clause.tokens)  # "the ledger never showed up in discord"
        and not (clause.asks and not clause.polite)
    )


_OTHER_TOPICS = frozenset({OBJ_MODES, OBJ_LEDGER, OBJ_WEBHOOK, OBJ_CHANNEL, *READ_OBJECTS})
RANGE_BONUS = 0.15  # "falgs from tonight": a range makes even a typo'd list request clear


def status(u: Utterance) -> Iterator[Candidate]:
    """Is chronicling running: "status", "are you chronicling?", "is the session still going?"."""
    if "conditional" in u.doubts:
        return  # "when the raid ends, stop chronicling" asks nothing
    for clause in u.clauses:
        concepts = clause.concepts
        if concepts & _OTHER_TOPICS or modes_in(clause.tokens):
            continue
        lead = clause.lead
        if lead is not None and lead.concept in STATE_VERBS:
            continue  # "set my status to away"
        words = {t.text for t in clause.tokens}
        asking = lead is not None and (lead.concept == QUESTION or (clause.asks and lead.text in _SUBJECTS))
        # "chronicler" is also the bot's name: "why are you called chronicler?" asks nothing of the session.
        recording = {t.text for t in clause.tokens if t.concept in (OBJ_SESSION, VERB_RECORD)}
        recording.discard("chronicler")
        if STATUS in concepts:
            score = 0.7 + (0.1 if OBJ_SESSION in concepts or clause.asks else 0.0)
        elif (
            asking
            and len(clause.tokens) <= 8
            and (recording or _alive(clause))
            # "is the reply bot on or off?" asks about a mode, described: not whether chronicling runs.
            and not (words & {"bot"} and len(intl.modes_named(clause.said)) == 1)
        ):
            # "is the bot on", "yo is the thing on": the bot itself, surer than a list of modes.
            score = (
                0.9
                if words & {"bot", "thing", "chronicler"} and words & {"on", "running", "working"}
                else 0.75
            )
        else:
            continue
        yield Candidate("session", "status", clamp(score), negated=clause.negated)


_STILL = frozenset({"still", "even", "actually", "really", "currently", "already"})


def _alive(clause: Clause) -> bool:
    """True for the bot said to be up: "are you on?", "is it still running", "you there?" (not "do you
    like pineapple on pizza", whose "on" says nothing of "you")."""
    said = [t.text for t in clause.tokens if t.text not in _STILL]
    return any(
        word in _SUBJECTS and following in LIVENESS for word, following in zip(said, said[1:], strict=False)
    )


def lists(u: Utterance) -> Iterator[Candidate]:
    """Flags, clips, blog posts and stats, with an optional range and, for flags, a chatter.

    The object is enough ("flags?", "clips from last stream"); a question or "show"/"list" makes it
    surer. A clause led by a state-changing verb ("stop the spam") is not a list request. "clip that"
    asks for a clip to be made, which the bot cannot do: it only offers the clip candidates.
    """
    for clause in u.clauses:
        lead = clause.lead
        if (lead is not None and lead.concept in STATE_VERBS) or asked_then_switched(u, clause):
            continue
        objects: dict[str, Token] = {}
        for token in clause.tokens:
            if token.concept in READ_OBJECTS and token.weight > objects.get(token.concept, _NOTHING).weight:
                objects[token.concept] = token
        for concept, token in objects.items():
            kind, action = READ_OBJECTS[concept]
            slots, ask = range_slots(u)
            extra = RANGE_BONUS if slots else 0.0
            if kind == "flags":
                username, problem = one_login(usernames(u), "chatter")
                ask = ask or problem
                if username:
                    slots["username"] = username
                    extra += 0.1
            if _negated_elsewhere(clause, token):
                continue  # "librarian off, I don't use the clips": a reason, no list asked for
            if token is lead and token.text == "clip" and only_noise(clause.rest):
                yield Candidate(kind, action, 0.4, stray=True)  # "clip that!": asked on purpose
                continue
            score = read_score(token.weight, asked=is_question(clause), extra=extra)
            yield Candidate(kind, action, score, slots, ask, clause.negated)


def _negated_elsewhere(clause: Clause, token: Token) -> bool:
    """True when a "not" of another verb comes before the object in a statement ("I don't use the clips",
    "I don't want a pile of flags"); "don't show the flags" is a refusal (`Clause.negated`), and a
    question ("why don't I see any flags?") still asks for them."""
    if clause.negated or is_question(clause):
        return False
    before = clause.tokens[: clause.tokens.index(token)]
    return any(t.concept == NEGATION for t in before)


def ledger(u: Utterance) -> Iterator[Candidate]:
    """The ledger: "post the ledger", "resend last stream's ledger" post it; anything else shows it.

    Posting needs a posting verb leading the clause ("post", "resend", "share", "send"); "send me the
    ledger" shows it. The ledger belongs to a stream, so of the ranges only "this stream" (current) and
    "last stream" (last) fit; any other asks which.
    """
    for clause in u.clauses:
        found = clause.having(OBJ_LEDGER)
        if not found:
            continue
        slots, ask = session_slots(u)
        lead = clause.lead
        if lead is not None and lead.concept == VERB_POST:
            if any("/api/webhooks/" in url.lower() for url in u.found.urls):
                continue  # "<webhook url> post the ledgers here": where they go (`settings.webhook`)
            stray = strays(clause.rest, _LEDGER_WORDS)  # "post the ledger to twitter"
            score = state_score(u, clause, lead.weight, found[0].weight, stray=stray)
            yield Candidate("ledger", "post", score, slots, ask, clause.negated, stray)
        elif _sent_to_discord(clause):
            # "pst ledger to discord", "could you pop the ledger into my discord?", "balance le ledger sur
            # le discord": where it goes says it is posted, whatever the verb (or none).
            score = state_score(u, clause, _DESTINATION_ONLY, found[0].weight)
            yield Candidate("ledger", "post", score, slots, ask, clause.negated)
        elif lead is None or lead.concept not in STATE_VERBS:
            score = read_score(found[0].weight, asked=is_question(clause), extra=0.1 if slots else 0.0)
            yield Candidate("ledger", "show", score, slots, ask, clause.negated)


_THANKED_FOR = (
    ("for",),
    ("for", "the"),
    ("for", "your"),
    ("for", "ur"),
    ("for", "all", "the"),
    ("for", "all", "your"),
)


def _thanked_for(clause: Clause, token: Token) -> bool:
    """True for help thanked for, not asked for: "thanks for the help", "thank you for your help"."""
    before = tuple(t.text for t in clause.tokens[: clause.tokens.index(token)])
    return any(before[-len(words) :] == words for words in _THANKED_FOR)


def help_(u: Utterance) -> Iterator[Candidate]:
    """Help: "help", "what can you do", "commands?", a lone "?"."""
    for clause in u.clauses:
        found = [t for t in clause.having(HELP) if not _thanked_for(clause, t)]
        if not found:
            continue
        lead = clause.lead
        alone = all(t.concept in (*NOISE, HELP, QUESTION, KNOWN) for t in u.tokens)
        asked = alone or (lead is not None and lead.concept in (HELP, QUESTION, VERB_READ))
        yield Candidate("help", None, read_score(found[0].weight, asked=asked, extra=0.1 if alone else -0.1))
    if not u.tokens and u.masked.strip(" ?") == "" and "?" in u.masked:
        yield Candidate("help", None, 0.6)
