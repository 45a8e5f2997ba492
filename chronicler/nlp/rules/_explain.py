"""Questions about what something is or does ("what does the warden do?", "what's a ledger"): answered.

Read before the intent rules: such a question names a mode or a list, so the rules would otherwise
show the ledger for "what's a ledger" or list the modes for "what does the warden do?". Only a question
that is nothing more than that is taken ("what's the ledger for last stream" asks for the ledger), and
only about a thing the bot has; it is "help" on that topic (the bot explains the thing), never an action.
"""

from __future__ import annotations

import re
from typing import cast

from chronicler.contract.commands import HelpTopic

_THINGS = r"warden|librarian|hearthkeeper|steward|scribe|ledger|webhook|blog|clip\s+candidates?|clips?|flags?"
# One thing by its name: "what's the scribe?" asks what it is; "what are the flags?" asks for them.
_ONE = r"warden|librarian|hearthkeeper|steward|scribe|ledger|webhook|blog|clip\s+candidate"
_OPEN = r"^(?:(?:so|ok|okay|hey|yo|wait|quick\s+q|btw|and|allo|hi|hello)\W+)*"
# Each with {thing}: one of `_THINGS`, {one}: one of `_ONE`, or {job}: the one job of the bot's it names.
_ASKS = (
    r"what(?:'s|\s+is|\s+are)\s+(?:a\s+|an\s+)?{thing}",
    r"what(?:'s|\s+is|\s+are)\s+(?:the\s+|your\s+)?{thing}\s+(?:for|about|exactly)",
    r"what(?:'s|\s+is)\s+(?:the|your|this|that)\s+{one}(?:\s+(?:thing|feature|mode))?",
    r"what\s+(?:does|do)\s+(?:the\s+|your\s+|a\s+)?{thing}\s+(?:even\s+)?(?:do|mean|does)",
    r"how\s+(?:does|do|are|is)\s+(?:the\s+|your\s+)?{thing}\s+(?:get\s+)?"
    r"(?:work|decide|know|pick|choose|find|picked|chosen|made|found|written|decided)\b[^?]*",
    r"where\s+(?:does|do)\s+(?:the\s+|your\s+)?{thing}(?:\s+chart)?\s+come\s+from",
    # "how does the bot decide what's spam": the bot, asked about one of its jobs.
    r"how\s+(?:does|do)\s+(?:the\s+bot|you)\s+(?:decide|know|pick|choose|find)\s+(?:what'?s?\s+|what\s+is\s+)?"
    r"(?:a\s+)?{job}",
)
# What may follow the question and ask nothing more: "exactly?", "I don't understand", "people keep
# mentioning", "in your world", "like what's in it".
_TAIL = (
    r"(?:\W+(?:exactly|again|even|in\s+your\s+world|i\s+(?:don'?t|do\s+not)\s+(?:understand|get\s+it)"
    r"|(?:that\s+)?(?:people|everyone|they)\s+keeps?\s+(?:mentioning|talking\s+about)|(?:like\s+)?what'?s\s+in\s+it"
    r"|(?:and\s+)?what\s+(?:does|do)\s+it\s+do|(?:i'?m|im)\s+(?:confused|lost|new)))*"
)
_JOB_WORDS = r"spam|scams?|clips?|highlights?"
# Quotes around a thing's name ("what is the 'scribe'?") say nothing more; an apostrophe inside a word
# ("what's") stays.
_QUOTE_MARK = re.compile(r"(?<![a-z])['\"‘“”]|['\"”](?![a-z])")
_QUESTION = re.compile(
    "|".join(
        _OPEN
        + ask.format(thing=f"(?P<t{i}>{_THINGS})", one=f"(?P<t{i}>{_ONE})", job=f"(?P<j{i}>{_JOB_WORDS})")
        + _TAIL
        + r"\W*$"
        for i, ask in enumerate(_ASKS)
    )
)

_JOBS: dict[str, HelpTopic] = {"spam": "warden", "scam": "warden", "clip": "clips", "highlight": "clips"}


def topic_asked(text: str) -> HelpTopic | None:
    """The thing `text` (cleaned) only asks about ("what does the warden do?": the warden), else None."""
    said = " ".join(_QUOTE_MARK.sub(" ", text.lower().replace("’", "'")).split())
    match = _QUESTION.match(said)
    if match is None:
        return None
    found = {name[0]: value for name, value in match.groupdict().items() if value}
    thing = found.get("t") or next(topic for stem, topic in _JOBS.items() if stem in found["j"])
    if thing.startswith("clip"):
        return "clips"
    if thing.startswith("flag"):
        return "flags"
    return cast(HelpTopic, thing)
