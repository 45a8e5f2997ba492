"""Questions about what something is or does ("what does the warden do?", "what's a ledger"): answered.

Read before the intent rules: such a question names a mode or a list, so the rules would otherwise
show the ledger for "what's a ledger" or list the modes for "what does the warden do?". Only a question
that is nothing more than that is taken ("what's the ledger for last stream" asks for the ledger), and
only about a thing the bot has; the answer is a short explanation, never an action.
"""

from __future__ import annotations

import re

_THINGS = r"warden|librarian|hearthkeeper|steward|scribe|ledger|webhook|clip\s+candidates?|clips?|flags?"
_OPEN = r"^(?:(?:so|ok|okay|hey|yo|wait|quick\s+q|btw)\W+)*"
# Each with {thing}: one of `_THINGS`, or the one job of the bot's it names.
_ASKS = (
    r"what(?:'s|\s+is|\s+are)\s+(?:a\s+|an\s+)?{thing}",
    r"what(?:'s|\s+is|\s+are)\s+(?:the\s+|your\s+)?{thing}\s+(?:for|about|exactly)",
    r"what\s+(?:does|do)\s+(?:the\s+|your\s+|a\s+)?{thing}\s+(?:even\s+)?(?:do|mean|does)",
    r"how\s+(?:does|do|are|is)\s+(?:the\s+|your\s+)?{thing}\s+(?:get\s+)?"
    r"(?:work|decide|know|pick|choose|find|picked|chosen|made|found|written|decided)\b[^?]*",
    r"where\s+(?:does|do)\s+(?:the\s+|your\s+)?{thing}(?:\s+chart)?\s+come\s+from",
    # "how does the bot decide what's spam": the bot, asked about one of its jobs.
    r"how\s+(?:does|do)\s+(?:the\s+bot|you)\s+(?:decide|know|pick|choose|find)\s+(?:what'?s?\s+|what\s+is\s+)?"
    r"(?:a\s+)?{job}",
)
_JOB_WORDS = r"spam|scams?|clips?|highlights?"
_QUESTION = re.compile(
    "|".join(
        _OPEN + ask.format(thing=f"(?P<t{i}>{_THINGS})", job=f"(?P<j{i}>{_JOB_WORDS})") + r"\W*$"
        for i, ask in enumerate(_ASKS)
    )
)

_WHAT: dict[str, str] = {
    "warden": (
        "The warden sets aside chat messages that look like spam or scams for you to review. "
        "It never deletes anything or bans anyone."
    ),
    "librarian": (
        "The librarian spots the moments chat lit up (clip candidates) and notable discussion "
        "(blog ideas), for you to look at after the stream."
    ),
    "hearthkeeper": (
        "The hearthkeeper posts one gentle prompt in chat when it has been quiet for a while "
        "(15 minutes unless you change it)."
    ),
    "steward": (
        "The steward answers viewers who mention it or ask a question, a few times a minute at most, "
        "and keeps quiet while chat is busy."
    ),
    "ledger": (
        "The ledger is the summary the scribe writes after each stream: numbers, flags, clip candidates "
        "and a chart of chat, posted to your Discord webhook."
    ),
    "webhook": "The webhook is the Discord address your ledgers are posted to after each stream.",
    "clips": (
        "Clip candidates are moments the librarian saw many chatters react to at once, best first, "
        "each with how far into the stream it happened."
    ),
    "flags": "Flags are chat messages the warden set aside as possible spam or scams, for you to review.",
}
_WHAT["scribe"] = (
    "The scribe writes the ledger after each stream: numbers, flags, clip candidates and a chart of "
    "chat, posted to your Discord webhook."
)
_JOBS = {"spam": "warden", "scam": "warden", "clip": "clips", "highlight": "clips"}
_MORE = " Say 'help' for what I can do."


def explanation(text: str) -> str | None:
    """The answer when `text` (cleaned) only asks what one of the bot's things is or does, else None."""
    said = " ".join(text.lower().replace("’", "'").split())
    match = _QUESTION.match(said)
    if match is None:
        return None
    found = {name[0]: value for name, value in match.groupdict().items() if value}
    thing = found.get("t") or next(topic for stem, topic in _JOBS.items() if stem in found["j"])
    key = "clips" if thing.startswith("clip") else "flags" if thing.startswith("flag") else thing
    return _WHAT[key] + _MORE
