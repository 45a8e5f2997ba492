"""The built-in natural-language command parser: no network, no service, always available.

    >>> RuleParser().parse("turn off the steward").command.to_json()
    {'interaction_type': 'mode', 'action': 'disable', 'mode': 'steward'}

How a DM is read, module by module (all private; `RuleParser` is the public face):

* `_text`: cleaning (control characters, Discord markup), then tokens and clauses.
* `_slots`, `_times`, `_numbers`: values taken out of the text first (URLs, link codes, themes, quotes,
  ranges such as "last stream", durations such as "half an hour"), leaving placeholders behind.
* `_phrases`, `_lexicon`, `_typos`: multi-word phrases, synonyms and typo tolerance, down to concepts.
* `_guards`: prompt injection and pasted chat logs (refused) and doubts such as "lol" or "maybe".
* `_logins`: Twitch logins named in the message.
* `_intents`: one scored rule per kind of request; `_decide` picks, asks, or offers "did you mean ...?".
* `_followups`: "and yesterday's?" completed from the previous turn, for read-only requests only.
* `_review`: an answer on a flag just listed ("#3 is spam", "that one's fine"), read whole, first.
* `_wording` (public as `wording`, for the bot to translate): how commands are phrased back, and the
  questions asked.
* `_model`, `_learned`, `_intl`, `_language`: when the rules find nothing (or only a near miss), a
  linear intent model over hashed character and word n-grams (``intent_model.bin``, and
  ``mode_model.bin`` for which mode is meant; trained by tools/train_intents.py on tools/dm_corpus/)
  proposes a command; slot extractors and guards in five languages (en/es/fr/de/pt) dispose. A
  state-changing proposal the model is unsure of, or that a negation, doubt, quote or bare "?"
  touches, is only ever a question. `_language` tells the DM's language for `ParseResult.language`.
"""

from chronicler.nlp.rules import _wording as wording
from chronicler.nlp.rules._language import detect as detect_language
from chronicler.nlp.rules._parser import RuleParser
from chronicler.nlp.rules._review import CONFIDENCE as REVIEW_CONFIDENCE
from chronicler.nlp.rules._review import review_in_dm

__all__ = ["REVIEW_CONFIDENCE", "RuleParser", "detect_language", "review_in_dm", "wording"]
