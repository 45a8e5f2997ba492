"""`RuleParser`: the built-in parser, which needs no network and is always there as a fallback."""

from __future__ import annotations

import time
from collections.abc import Sequence

from chronicler.contract.commands import Command, unknown
from chronicler.nlp.result import ParseResult, Turn
from chronicler.nlp.rules import _wording as wording
from chronicler.nlp.rules._decide import decide
from chronicler.nlp.rules._followups import answer_to_question, complete, confirmed_suggestion
from chronicler.nlp.rules._guards import suspicious
from chronicler.nlp.rules._intents import RULES, Rule
from chronicler.nlp.rules._lexicon import GREETING, SLOT_TIME, THANKS
from chronicler.nlp.rules._review import CONFIDENCE as REVIEW_CONFIDENCE
from chronicler.nlp.rules._review import read_review
from chronicler.nlp.rules._text import clean
from chronicler.nlp.rules._utterance import Utterance, analyse

# A DM command is a sentence or two (a theme is at most 200 characters, a webhook URL about 120).
# Longer text is not read at all, and text over RAW_LIMIT is not even cleaned: a parse stays fast
# (a few milliseconds at worst) whatever arrives.
MAX_CHARS = 500
RAW_LIMIT = 8000


class RuleParser:
    """Parses a DM with synonym tables, scored intent rules and slot extractors.

    Conservative by design: a state-changing command needs an imperative verb and its object, and any
    doubt (a joke, a hedge, a quote, a condition) turns it into a question. It never raises.
    """

    name = "rules"

    def __init__(self, rules: Sequence[Rule] = RULES) -> None:
        """Use the built-in intent `rules`; tests pass others (a rule that fails, say)."""
        self._rules = tuple(rules)

    def parse(self, text: str, history: Sequence[Turn] = ()) -> ParseResult:
        """Parse `text`, with earlier turns for follow-ups; odd input gives an `unknown` command."""
        started = time.perf_counter()
        errors: tuple[str, ...] = ()
        try:
            command, confidence = self._parse(text, history)
        except Exception as exc:  # a bug here must not take the DM handler down with it
            command, confidence = unknown(wording.GENERIC), 0.0
            errors = (f"rules parser failed: {type(exc).__name__}: {exc}",)
        return ParseResult(
            command=command,
            parser=self.name,
            errors=errors,
            latency_ms=(time.perf_counter() - started) * 1000,
            confidence=confidence,
        )

    def _parse(self, text: str, history: Sequence[Turn]) -> tuple[Command, float]:
        if not isinstance(text, str):
            return unknown(wording.EMPTY), 1.0
        if len(text) > RAW_LIMIT:
            return unknown(wording.TOO_LONG), 1.0
        cleaned = clean(text)
        if not cleaned:
            return unknown(wording.EMPTY), 1.0
        if len(cleaned) > MAX_CHARS:
            return unknown(wording.TOO_LONG), 1.0
        if suspicious(cleaned.lower()):
            return unknown(wording.SUSPICIOUS), 0.95
        u = analyse(cleaned)
        if (phrase := confirmed_suggestion(u, history)) is not None:
            # Our own wording, parsed on its own: "yes" can only ever mean what we proposed.
            command, confidence = self._parse(phrase, ())
            if command.interaction_type != "unknown":
                return command, confidence
        if (reply := answer_to_question(u, history)) is not None:
            return unknown(reply), 0.9
        if (review := read_review(cleaned)) is not None:
            # Before the rules: "#3 is spam" would otherwise also read as a request for the flags.
            return review, REVIEW_CONFIDENCE
        candidates = complete(u, [c for rule in self._rules for c in rule(u)], history)
        if (decision := decide(candidates)) is not None:
            return decision.command, decision.confidence
        return unknown(_fallback_question(u)), 1.0


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
