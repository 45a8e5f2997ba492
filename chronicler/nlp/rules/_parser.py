"""`RuleParser`: the built-in parser, which needs no network and is always there as a fallback."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from chronicler.contract.commands import STATE_CHANGING, Command, Language, unknown
from chronicler.nlp.result import ParseResult, Turn
from chronicler.nlp.rules import _intl as intl
from chronicler.nlp.rules import _wording as wording
from chronicler.nlp.rules._corrections import correction, replaced, told_again
from chronicler.nlp.rules._decide import STATE_ACCEPT, Decision, decide
from chronicler.nlp.rules._explain import explanation_asked
from chronicler.nlp.rules._followups import answer_to_question, complete, confirmed_suggestion
from chronicler.nlp.rules._guards import suspicious
from chronicler.nlp.rules._intents import RULES, Rule
from chronicler.nlp.rules._intents._base import NOISE, range_slots
from chronicler.nlp.rules._language import detect
from chronicler.nlp.rules._learned import Proposal, propose, surely_nothing
from chronicler.nlp.rules._lexicon import (
    GREETING,
    MODE_PREFIX,
    OBJ_LEDGER,
    OBJ_SESSION,
    QUESTION,
    SLOT_TIME,
    STATE_VERBS,
    THANKS,
    VERB_RECORD,
)
from chronicler.nlp.rules._logins import channels
from chronicler.nlp.rules._manners import without_manners
from chronicler.nlp.rules._mentions import mentions
from chronicler.nlp.rules._model import shipped
from chronicler.nlp.rules._review import CONFIDENCE as REVIEW_CONFIDENCE
from chronicler.nlp.rules._review import read_described, read_reviews
from chronicler.nlp.rules._text import clean, joined_names
from chronicler.nlp.rules._typos import fixed_typos
from chronicler.nlp.rules._utterance import Utterance, analyse

# A DM command is a sentence or two (a theme is at most 200 characters, a webhook URL about 120).
# Longer text is not read at all, and text over RAW_LIMIT is not even cleaned: a parse stays fast
# (a few milliseconds at worst) whatever arrives.
MAX_CHARS = 500
# How sure the model must be to carry out what the rules only asked about.
OVERRIDE = 0.9
# How sure the model must be to replace a read-only command of the rules by a change.
OUTVOTE = 0.95
# ... or a mode switched by a verb that only switches ("activer le chasseur de clips", "den Clip-Finder
# einschalten"): the rules saw "clips" and showed the list; the verb says the thing that finds them.
OUTVOTE_SWITCHED = 0.85
_SWITCHING = re.compile(
    r"\b(?:turn|switch|enabl|disabl|activ|reactiv|desactiv|deactiv|ativ|desativ|enciend|apag|prend|liga"
    r"|deslig|allum|eteins|coupe|aktivier|deaktivier|(?:ein|aus|an|ab)?schalt|(?:an|aus)mach)\w*"
)
# A read-only command the rules are less sure of than this gives way to the model's, when it is near certain
# (a wrong list harms nothing; a model taught the blind DEV sets knows more phrasings than the rules).
# Set on the DEV sets: 0.7 -> 0.9 read 1.4 points more of DEV4, nothing higher read more.
WEAK_READ = 0.9
# How sure the model must be to carry out a command over a near miss the rules held back for stray words.
AGREE = 0.95
# Commands the rules have no rule for: the model's reading of them is all there is.
_NEW_KINDS = frozenset({"twitch", "moderate"})
RAW_LIMIT = 8000


# The doubts a long DM's story may hold without doubting the request made in another of its sentences.
_STORY_DOUBTS = frozenset({"hedge", "past"})


def _known(word: str) -> bool:
    """True for a word the intent model's corpus has (any word, without a model): never "corrected"."""
    model = shipped()
    return model is None or model.knows(word)


class RuleParser:
    """Parses a DM with synonym tables, scored intent rules and slot extractors, then the intent model.

    Conservative by design: a state-changing command needs an imperative verb and its object, and any
    doubt (a joke, a hedge, a quote, a condition) turns it into a question. It never raises.
    """

    name = "rules"

    def __init__(self, rules: Sequence[Rule] = RULES, *, learned: bool = True) -> None:
        """Use the built-in intent `rules` and, unless `learned` is False, the intent model behind them."""
        self._rules = tuple(rules)
        self._learned = learned

    def parse(self, text: str, history: Sequence[Turn] = ()) -> ParseResult:
        """Parse `text`, with earlier turns for follow-ups; odd input gives an `unknown` command."""
        started = time.perf_counter()
        errors: tuple[str, ...] = ()
        language = None
        try:
            language = detect(text[:MAX_CHARS]) if isinstance(text, str) else None
            reading = self._parse(text, history, language)
        except Exception as exc:  # a bug here must not take the DM handler down with it
            reading = _Reading(unknown(wording.GENERIC), 0.0)
            errors = (f"rules parser failed: {type(exc).__name__}: {exc}",)
        return ParseResult(
            command=reading.command,
            parser=self.name,
            errors=errors,
            latency_ms=(time.perf_counter() - started) * 1000,
            confidence=reading.confidence,
            language=language,
            settled=reading.settled,
            mentions=reading.mentions,
            doubted=reading.doubted,
        )

    def _parse(self, text: str, history: Sequence[Turn], language: Language | None = None) -> _Reading:
        if not isinstance(text, str):
            return _Reading(unknown(wording.EMPTY), 1.0)
        if len(text) > RAW_LIMIT:
            return _Reading(unknown(wording.TOO_LONG), 1.0, settled=True)
        cleaned = fixed_typos(joined_names(clean(text)), _known)
        if not cleaned:
            return _Reading(unknown(wording.EMPTY), 1.0)
        if len(cleaned) > MAX_CHARS:
            return _Reading(unknown(wording.TOO_LONG), 1.0, settled=True)
        if suspicious(cleaned):
            return _Reading(unknown(wording.SUSPICIOUS), 0.95, settled=True)
        cleaned = without_manners(cleaned)  # "Good evening, ... Thank you. Regards, Bernard"
        u = analyse(cleaned)
        doubted = bool(u.doubts - {"laugh"}) or u.found.quotes > 0 or intl.doubted(cleaned, language)
        # A negated reason ("..., i never use the clips") doubts nothing the DM asks for.
        doubted = doubted or (intl.negated(cleaned, language) and not intl.negated_reason(cleaned))
        reading = self._corrected(cleaned, language) or self._read(u, cleaned, history, language)
        if reading.command.interaction_type == "unknown" and not reading.settled:
            reading = (
                self._one_sentence(u, cleaned, reading, language)
                or self._request_then_reason(cleaned, reading, language)
                or self._change_despite_its_reason(cleaned, reading, language)
                or reading
            )
        elif (
            reading.command.interaction_type != "unknown"
            and not reading.command.changes_state
            and not history
        ):
            reading = self._change_despite_its_reason(cleaned, reading, language) or reading
        return reading._replace(mentions=mentions(u), doubted=doubted)

    def _corrected(self, cleaned: str, language: Language | None) -> _Reading | None:
        """What a DM that corrects itself asks for (see `_corrections`), or None to read it whole.

        The correction is read as a DM of its own, guards and all; a command, a refusal or a "did you
        mean ...?" of it is the answer. When it only names the thing meant ("no wait, the librarian"), that
        thing takes its place in the request before it, if the request alone is carried out.
        """
        split = correction(cleaned)
        if split is None:
            return None
        request, meant = split
        first = self._parse(request, (), language)
        if first.command.interaction_type != "unknown":  # what the request alone is carried out as
            if (instead := replaced(first.command, meant)) is not None:
                return first._replace(command=instead)
            told = analyse(clean(told_again(meant)))
            listed = (first.command.interaction_type, first.command.action) in _RANGED
            when = range_slots(told)[0].get("range") if _only_a_time(told) else _a_time_only(meant)
            if listed and when is not None:
                # "flags from tonight — no wait, yesterday's": the same list, of the time meant.
                return first._replace(command=first.command.model_copy(update={"range": when}))
        said = self._parse(meant, (), language)
        command, before = said.command, first.command
        if (command.interaction_type, command.action) == (before.interaction_type, before.action):
            # "clips from last stream — no wait, the clips from this week": the same request, said again;
            # what it adds goes on what it had.
            added = {k: v for k, v in command.to_json().items() if k not in ("interaction_type", "action")}
            return first._replace(command=before.model_copy(update=added))
        question = command.question or ""
        if command.interaction_type != "unknown" or said.settled or question.startswith("Did you mean"):
            return said
        return None

    def _one_sentence(
        self, u: Utterance, cleaned: str, whole: _Reading, language: Language | None
    ) -> _Reading | None:
        """The request of a long DM read in the one sentence that makes it, when the whole only asked.

        "Chat just lost it when my cat walked over the keyboard. What clip candidates do you have from
        tonight?": the story's words ("just", "lost", a second time) make the whole a question, the last
        sentence alone is plain. A list is taken from its sentence; a change only when the whole DM already
        proposed that very change and nothing in it doubts, negates or quotes ("... They're right. Stop
        chronicling.").
        """
        sentences = [s for s in _SENTENCE_END.split(cleaned) if s.strip()]
        if len(sentences) < 2 or len(cleaned.split()) < _LONG_DM_WORDS:
            return None
        for sentence in reversed(sentences):
            reading = self._read(analyse(sentence), sentence, (), language)
            command = reading.command
            if command.interaction_type == "unknown" or _against_the_whole(command, cleaned):
                continue
            if not command.changes_state:
                if _TOLD_OF_ONESELF.match(sentence.lower()):
                    continue  # "... I am very happy.": said of the streamer, no list asked for
                return reading
            # "I manage the stream for velvetquill_. ... Could you start chronicling her chat?": the
            # channel named in the story is the one the request starts on.
            told = [
                command.model_copy(update={"channel": login.value}) for login in channels(u) if login.value
            ]
            proposed = next((each for each in (command, *told) if _proposed(whole, each)), None)
            # A hedge or a memory in the story ("Might as well play something.") is about the story;
            # only the request's own sentence hedges the request. Conditions, jokes and take-backs reach
            # across sentences ("..., start chronicling. jk"), so the whole DM's count. In English the
            # guards' doubts have read the story already; other languages' are read on the whole DM.
            story_only = _STORY_DOUBTS - analyse(sentence).doubts
            elsewhere = intl.doubted(sentence if language in (None, "en") else cleaned, language)
            calm = not (
                u.doubts - {"laugh", "reported"} - story_only
                or u.found.quotes
                or elsewhere
                or intl.negated(cleaned, language)
            )
            if proposed is not None and calm:
                return reading._replace(command=proposed)
            # A change found in one sentence of a story is asked about, never carried out on its own: a
            # story can hold a request it does not make. Better than "I didn't get that"; not when the
            # story names a channel the question would leave out (a "yes" would start the wrong one).
            if _story_around(sentence, sentences, language) and (command.channel or not told):
                return _Reading(
                    unknown(wording.did_you_mean(wording.phrase_of(command))), 1 - reading.confidence
                )
            return None
        return None

    def _request_then_reason(
        self, cleaned: str, whole: _Reading, language: Language | None
    ) -> _Reading | None:
        """A change asked for first, then why, when only the why made the whole a question.

        "mute the steward, it answered a donation with a weird joke", "turn off the spam catcher, it keeps
        flagging people typing 'GG'": the reason reports what chat or a mode did (a "saying", a quote),
        which is no doubt about the request before it. A reason that hedges, jokes, retracts, negates or
        puts the request off still keeps it a question.
        """
        if (split := _request_and_reason(cleaned)) is None:
            return None
        request, asked, reason = split
        reading = self._read(asked, request, (), language)
        command = reading.command
        if not command.changes_state or not (
            _proposed(whole, command) or _proposed(whole, command.model_copy(update={"scope": None}))
        ):
            return None
        reason = _GOODBYE.sub(" ", reason)  # "..., I'll see you tomorrow evening" puts nothing off
        if not _calm(reason, language):
            return None
        # "stop the report thing from running after streams, from now on": how long is said after it.
        if command.interaction_type == "mode" and command.scope is None and (scope := intl.scope(reason)):
            return reading._replace(command=command.model_copy(update={"scope": scope}))
        return reading

    def _change_despite_its_reason(
        self, cleaned: str, whole: _Reading, language: Language | None
    ) -> _Reading | None:
        """A change asked for first, when the list the whole DM was read as (or offered beside it, "one
        thing at a time") came from its reason alone.

        "mute the warden, it flagged a raid as spam again": "flagged" in the reason made the whole a
        request for the flags; the sentence that asks turns the Warden off. Only a change the request
        makes on its own, of a thing it names, after a reason that doubts, negates or quotes nothing.
        """
        split = _request_and_reason(cleaned)
        # A reason that asks ("..., any flags tonight?") is a second request, not a reason.
        if split is None or "?" in split[2]:
            return None
        request, asked, reason = split
        reading = self._read(asked, request, (), language)
        if not reading.command.changes_state or reading.confidence < STATE_ACCEPT:
            return None
        because = self._read(analyse(reason), reason, (), language).command
        if because.changes_state or because.interaction_type == "unknown":
            return None
        if whole.command.interaction_type == "unknown":  # "I can do one thing at a time: ... or ...?"
            same = whole.command.question == wording.one_at_a_time(
                [wording.phrase_of(reading.command), wording.phrase_of(because)]
            )
        else:
            same = (because.interaction_type, because.action) == (
                whole.command.interaction_type,
                whole.command.action,
            )
        return reading if same and _calm(reason, language) else None

    def _read(
        self, u: Utterance, cleaned: str, history: Sequence[Turn], language: Language | None
    ) -> _Reading:
        if (phrase := confirmed_suggestion(u, history)) is not None:
            # Our own wording, parsed on its own: "yes" can only ever mean what we proposed.
            reading = self._parse(phrase, ())
            if reading.command.interaction_type != "unknown":
                return reading
        if (reply := answer_to_question(u, history)) is not None:
            return _Reading(unknown(reply), 0.9, settled=True)
        if reviews := read_reviews(cleaned):
            # Before the rules: "#3 is spam" would otherwise also read as a request for the flags.
            # One command per DM: of several answers ("3 scam, 4 fine") the first; the bot reads them
            # all before any parser (`review_in_dm`).
            return _Reading(reviews[0], REVIEW_CONFIDENCE)
        if not u.doubts & _REVIEW_DOUBTS and (described := read_described(cleaned)) is not None:
            # Before the rules too: "the flagged message from the man with the dog was fine" is no
            # request for the flags.
            return _Reading(described, REVIEW_CONFIDENCE)
        if (explained := explanation_asked(cleaned)) is not None:
            # Before the rules too: "what's a ledger" would otherwise show the ledger.
            return _Reading(Command(interaction_type="help", topic=explained.topic), 0.9, settled=True)
        candidates = complete(u, [c for rule in self._rules for c in rule(u)], history)
        decision = decide(candidates)
        if (
            decision is not None
            and decision.settled
            and (
                intl.negated_reason(u.text)
                or intl.mode_unwanted(u.text)
                or intl.way_after_refusal(u.text, language) is not None
            )
        ):
            # "no more discord posts, remove the webhook": the negation gives a reason, it refuses
            # nothing; "no highlights tonight, turn that off" asks for the Librarian off; "don't turn the
            # warden on, i said off" refuses one way and asks the other. The intent model reads the request.
            decision = None
        if decision is not None:
            decision = _scoped(decision, u)
        if decision is not None and decision.command.interaction_type != "unknown":
            # "what about this week" after a list is that list again: a follow-up the model cannot see.
            if not decision.command.changes_state and self._learned and not _only_a_time(u):
                # "i want the ledger writer on": the rules saw "ledger" and a question; the model,
                # near certain, saw the scribe switched on. Its command, if it passed every guard.
                proposal = propose(u, language)
                if proposal is not None and proposal.acts and proposal.confidence >= _outvote(proposal, u):
                    other = (proposal.command.interaction_type, proposal.command.action) != (
                        decision.command.interaction_type,
                        decision.command.action,
                    )
                    if proposal.command.changes_state or (other and decision.confidence < WEAK_READ):
                        # Or a list the rules only half saw ("is chronicling active at the moment?" has
                        # "moment" of the clips): a wrong list harms nothing, the model's is likelier.
                        return _Reading(proposal.command, proposal.confidence)
                if decision.confidence < WEAK_READ and surely_nothing(u):
                    # "ty for the ledger, looked great", "nvm don't post the ledger": the rules saw
                    # "ledger" and nothing else; the model, near certain, saw thanks or a refusal.
                    return _Reading(unknown(_fallback_question(u)), 1.0)
            return _Reading(decision.command, decision.confidence)
        if decision is None and _only_a_time(u):
            # "what about yesterday?" with nothing before it: a follow-up of nothing; which list is
            # for the streamer to say, not for the intent model to guess.
            return _Reading(unknown(wording.WHICH_LIST), 1.0, settled=True)
        # The rules found nothing, or only a near miss: the intent model may know the phrasing. When the
        # rules found nothing, its answer (a command or a question) is taken; over a near miss only a
        # command it is very sure of, having passed the same guards ("mute the steward").
        proposal = propose(u, language) if self._learned else None
        if proposal is not None and (
            decision is None
            or (decision.open_to_model and proposal.acts and _new_reading(proposal, decision))
            or _agrees(proposal, decision)
            or _mode_not_session(proposal, decision)
        ):
            return _Reading(proposal.command, proposal.confidence, proposal.settled)
        if decision is not None:
            return _Reading(decision.command, decision.confidence, decision.settled)
        question = _fallback_question(u)
        # Thanks with nothing else read in it ("thank you, the recap yesterday was so helpful") is
        # answered as thanks: not a request for another parser to find in it.
        return _Reading(unknown(question), 1.0, settled=question == wording.THANKS)


_OBJECTS = frozenset({OBJ_SESSION, VERB_RECORD, OBJ_LEDGER})
# The lists a range applies to.
_RANGED = frozenset({("flags", "list"), ("clips", "list"), ("blog", "list"), ("stats", "show")})
# Doubts that keep a described answer on a flag a question ("maybe the one from the dog guy was fine").
_REVIEW_DOUBTS = frozenset({"hedge", "retract", "joke", "conditional", "laugh"})
# Where a request ends and a reason for it begins: "mute the steward, it answered a donation with a joke".
# "stop the session pls my internet died": a "please" between two clauses ends the request too.
_REASON_AFTER = re.compile(r"\s*(?:[,;:.!?]+|\s[-–—]+)\s+|(?<=\s(?:pls|plz))\s+|(?<=\splease)\s+")
# A sentence the streamer says of themselves, asking nothing ("I am very happy.", "we had a blast"); not
# "I want the clips from tonight" nor a question.
_TOLD_OF_ONESELF = re.compile(
    r"^\W*(?:i|i'?m|i\s+am|we|we'?re|we\s+are|my|our)\b(?![^?]*\b(?:want|need|wanna|would\s+like|'d\s+like)\b)"
    r"[^?]*$"
)
# A sentence ends at ".", "!" or "?" before a space; a long DM is one of several sentences and words.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Words that only urge or greet before the request: "go!", "ok,", "hey!".
_URGING = re.compile(r"\W*(?:(?:go|ok|okay|hey|yo|alright|right|quick|so|now|pls|please)\W*)+", re.IGNORECASE)
_LONG_DM_WORDS = 12


def _request_and_reason(cleaned: str) -> tuple[str, Utterance, str] | None:
    """The first sentence or clause of a DM, analysed, and the rest, when the first names what it acts
    on (a mode, the session, the ledger); None for one part, or a question or bare verb first ("start?
    nah", "stop it, i'm crying laughing")."""
    parts = _REASON_AFTER.split(cleaned, maxsplit=1)
    if len(parts) == 2 and _URGING.fullmatch(parts[0]):
        # "go! chronicle channel pixelbrine_tv, I'm modding for them": the urging is no request of its own.
        parts = _REASON_AFTER.split(parts[1], maxsplit=1)
    if len(parts) < 2 or not parts[1].strip():
        return None
    request, reason = parts
    asked = analyse(request)
    named = _names_its_object(asked) or len(intl.modes_named(request)) == 1  # "the reply bot"
    if cleaned[len(request) :].lstrip().startswith("?") or not named:
        return None
    return request, asked, reason


def _against_the_whole(command: Command, cleaned: str) -> bool:
    """True when one sentence's reading goes against the way the whole DM's verbs say: "I linked the
    wrong Twitch account. Can you disconnect it?" is no request to connect."""
    said = f"{command.interaction_type}.{command.action}"
    if command.interaction_type == "twitch":
        return intl.twitch_way(cleaned) not in (None, said)
    if said in ("mode.enable", "mode.disable"):
        return intl.switch_said(cleaned) not in (None, said)
    return False


def _story_around(request: str, sentences: list[str], language: Language | None) -> bool:
    """True when the sentences around a long DM's one request only tell a story: the request itself is
    plain, and nothing around it takes it back, jokes, sets a condition, quotes or refuses a change."""
    asked = analyse(request)
    if not _calm(request, language) or asked.doubts - {"laugh"} or not _asks_outright(asked):
        return False
    for other in sentences:
        if other is request:
            continue
        said = analyse(other)
        if said.doubts & _VOIDING or said.found.quotes or suspicious(other):
            return False
        if any(c.negated and c.concepts & STATE_VERBS for c in said.clauses):
            return False  # "... Actually, don't stop yet."
    return True


def _asks_outright(u: Utterance) -> bool:
    """True when a sentence opens as a request: a verb that changes something, or "can you", "please"."""
    first = next((clause for clause in u.clauses if clause.lead is not None), None)
    return first is not None and (
        first.polite or (first.lead is not None and first.lead.concept in STATE_VERBS)
    )


# What, anywhere in a DM, keeps its one request from being carried out on its own.
_VOIDING = frozenset({"retract", "joke", "conditional", "hedge", "schedule"})


def _calm(reason: str, language: Language | None) -> bool:
    """True when a reason after a request doubts, negates, quotes or puts off nothing of it."""
    said = analyse(reason)
    return not (
        said.doubts - {"laugh", "reported"}
        # "turn off the recap writer, I'll write my own": what the streamer will do instead.
        or intl.doubted(_WILL_DO.sub(" ", reason), language)
        or (intl.negated(reason, language) and not intl.said_of_itself(reason))
        or suspicious(reason)
    )


_GOODBYE = re.compile(
    r"\b(?:i'?ll\s+)?(?:see|talk\s+to|catch)\s+(?:you|ya|u|y'?all|everyone)\s+(?:tomorrow|tmrw|later|soon"
    r"|next\s+\w+|on\s+\w+day|then)(?:\s+(?:evening|morning|night|afternoon))?\b",
    re.IGNORECASE,
)
_WILL_DO = re.compile(r"\bi'?ll\b|\bi\s+will\b|\bi'?m\s+(?:going\s+to|gonna)\b", re.IGNORECASE)


def _names_its_object(u: Utterance) -> bool:
    """True when a request names what it acts on: a mode, the session or chronicling, the ledger, or the
    channel to start on ("start on channel lowtidelarry")."""
    return any(
        t.concept is not None and (t.concept.startswith(MODE_PREFIX) or t.concept in _OBJECTS)
        for t in u.tokens
    ) or any(login.value for login in channels(u))


def _proposed(whole: _Reading, command: Command) -> bool:
    """True when the whole DM's reading is a "did you mean ...?" of exactly `command`."""
    return wording.proposes(whole.command.question, command)


class _Reading(NamedTuple):
    """What `_parse` concluded: the command, how sure it is, and whether no other parser may overrule it."""

    command: Command
    confidence: float
    settled: bool = False
    mentions: tuple[tuple[str, str], ...] = ()
    doubted: bool = False


def _new_reading(proposal: Proposal, decision: Decision) -> bool:
    """True when the model's command may replace the rules' near miss: it agrees with it, or changes
    something the rules only half saw, or is a kind of request the rules have no rule for."""
    command = proposal.command
    if decision.near == (command.interaction_type, command.action):
        # "help" is offered only to a DM that asks nothing else; words around it ("send help") mean more.
        return command.interaction_type != "help"
    if (
        proposal.described
        and proposal.confidence >= STATE_ACCEPT
        and decision.near is not None
        and decision.near not in STATE_CHANGING
    ):
        # "i want the spam catcher off from now on": the rules half saw a list in the mode's description
        # ("spam"); the model saw the mode it describes switched the way the DM's words say.
        return True
    new = command.changes_state or command.interaction_type in _NEW_KINDS
    return proposal.confidence >= OVERRIDE and new


def _outvote(proposal: Proposal, u: Utterance) -> float:
    """How sure the model must be to replace the rules' read-only command by its change."""
    switched = proposal.command.interaction_type == "mode" and _SWITCHING.search(intl.unaccented(u.text))
    return OUTVOTE_SWITCHED if switched else OUTVOTE


def _scoped(decision: Decision, u: Utterance) -> Decision:
    """A mode switched "for this stream" or "for good" says so (`scope`), as the model's reading does."""
    command = decision.command
    if command.interaction_type != "mode" or command.action not in ("enable", "disable") or command.scope:
        return decision
    scope = intl.scope(u.text)
    if scope is None:
        return decision
    return replace(decision, command=command.model_copy(update={"scope": scope}))


# The session change each mode switch would be mistaken for, the same way round.
_SAME_WAY = {("mode", "enable"): ("session", "start"), ("mode", "disable"): ("session", "stop")}


def _mode_not_session(proposal: Proposal, decision: Decision) -> bool:
    """True when the rules half saw a start or stop of the session only because of a time ("switch on
    spam detection just for tonight", "kill the spam catcher for this stream") and the model, sure,
    read the same switch of a mode it recognised by what the mode does."""
    command = proposal.command
    same_way = _SAME_WAY.get((command.interaction_type, command.action or ""))
    return (
        same_way is not None
        and decision.near == same_way
        and proposal.acts
        and proposal.confidence >= OVERRIDE
        and command.mode is not None
    )


def _agrees(proposal: Proposal, decision: Decision) -> bool:
    """True when the model is near certain of a command the rules held back for words beside the object
    ("start chronicling velvetotter_live", "log out of twitch"), and it passed every guard: the words
    the rules could not place are often the very ones the model knows."""
    command = proposal.command
    return (
        decision.near is not None
        and proposal.acts
        and proposal.confidence >= AGREE
        and command.interaction_type != "help"
    )


_LINKING_WORDS = frozenset({"about", "for", "and", "of", "from", "the", "then", "now", "also", "same"})


def _a_time_only(said: str) -> str | None:
    """The range a few words in another language name and nothing else ("von dieser Woche", "de esta
    semana"), or None."""
    if len(said.split()) > _FEW_WORDS:
        return None
    return intl.range_named(said)


_FEW_WORDS = 3


def _only_a_time(u: Utterance) -> bool:
    """True when a DM names a time and nothing else: "what about yesterday?", "and for last week?"."""
    concepts = {t.concept for t in u.tokens}
    return SLOT_TIME in concepts and all(
        t.concept in (SLOT_TIME, QUESTION, *NOISE) or t.text in _LINKING_WORDS for t in u.tokens
    )


def _fallback_question(u: Utterance) -> str:
    """What to ask when nothing matched: a reply to thanks or hello, or the general prompt."""
    concepts = {t.concept for t in u.tokens}
    if THANKS in concepts:
        return wording.THANKS
    if GREETING in concepts and len(u.tokens) <= 3:
        return wording.GREETING
    if SLOT_TIME in concepts and len(u.tokens) <= 3:
        return wording.WHICH_LIST
    return wording.GENERIC
