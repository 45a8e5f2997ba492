"""Time expressions: which `range` ("tonight", "last stream", "this week", ...) a message asks about.

The ranges are those of `ai.commands.RANGES`. "tonight", "so far" and "right now" mean the stream in
progress (`current`); "last night" means the last stream, which is what a streamer means by it. A bare
"all" ("show all flags") is a weak `all` that any more specific expression overrides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chronicler.nlp.rules._typos import fix_time_words

_STREAM = r"(?:stream|session|sesh|broadcast|vod|show|live|one)"
_WHAT = r"(?:report|ledger|summary|recap|write-?up|clips|flags|stats|highlights)\b"

_EXPRESSIONS: tuple[tuple[str, str], ...] = (
    (
        "last",
        rf"(?:the\s+)?(?:last|previous|prev|prior|(?:most\s+)?recent|latest)\s+(?:finished\s+|ended\s+)?{_STREAM}"
        # "last streams report" is the last stream's; "my last streams" are several.
        rf"(?:'s|s(?=\s+{_WHAT}))?"
        rf"|last\s+night(?:'?s)?|(?:the\s+)?{_STREAM}\s+before(?:\s+this\s+one)?|last\s+time"
        # "the stream that just ended", "the stream i finished an hour ago": over, so the last one.
        r"|(?:the\s+)?(?:stream|session)\s+(?:that\s+|which\s+)?(?:just\s+)?(?:ended|finished|wrapped)"
        r"|(?:the\s+)?(?:stream|session)\s+(?:i|we)\s+(?:just\s+)?(?:ended|finished|wrapped|did)"
        r"|(?:the\s+)?(?:one|stream|session)\s+i\s+just\s+(?:ended|finished|wrapped)"
        r"|(?:(?:the\s+)?(?:stream|session)|the\s+one)\s+(?:that\s+|which\s+)?just\s+(?:ended|finished|wrapped)"
        r"|(?:the|that)\s+(?:finished|ended)\s+(?:stream|session)",
    ),
    (
        "current",
        # "this evening" is tonight's stream, as every blind writer meant it; "this morning" stays today.
        rf"tonight(?:'?s)?|tonite(?:'?s)?|2nite|2night|to\s+night|this\s+evening(?:'?s)?"
        rf"|(?:this|the\s+current|current)\s+{_STREAM}(?:'s|s(?=\s+{_WHAT}))?"
        r"|right\s+now|rn|so\s+far|thus\s+far|up\s+(?:to|till|until)\s+now|until\s+now|currently"
        r"|(?:the\s+)?ongoing\s+(?:stream|session)|tn"
        # "stop for the night"; "done for the night", "off for the night" are news of the end (`_phrases`).
        r"|(?<!done\s)(?<!over\s)(?<!out\s)(?<!off\s)(?<!finished\s)for\s+the\s+night"
        r"|(?:the\s+)?(?:stream|session)\s+(?:that'?s|that\s+is|which\s+is)\s+(?:running|going|on)(?:\s+now)?"
        r"|since\s+(?:i|we)\s+(?:went|go|got)\s+(?:live|on)|since\s+(?:the\s+)?stream\s+(?:started|began)"
        r"|since\s+the\s+(?:start|beginning)\s+of\s+(?:the|this|my|tonight'?s)\s+(?:stream|session|live)"
        # "the stream I'm on now", "the stream that's live now", "the stream going on now", "the last hour".
        r"|(?:the\s+)?(?:stream|session)\s+(?:that'?s\s+|that\s+is\s+|i'?m\s+|i\s+am\s+|we'?re\s+)?"
        r"(?:live|on|going\s+on|in\s+progress)\s+(?:right\s+)?now|(?:the\s+)?(?:last|past)\s+hour"
        r"|(?:the\s+)?(?:stream|session|one)\s+(?:in\s+progress|(?:that'?s|that\s+is)\s+still\s+going)"
        # "the ledger for the one i'm doing now", "the stream we're doing"
        r"|(?:(?:the\s+)?(?:stream|session)|the\s+one)\s+(?:i'?m|i\s+am|we'?re|we\s+are)\s+doing(?:\s+(?:right\s+)?now)?",
    ),
    (
        "week",
        r"(?:this|the|past|last)\s+(?:whole\s+|entire\s+)?week(?:'?s)?|(?:the\s+)?(?:last|past)\s+(?:7|seven)\s+days"
        # "since sunday", "since last monday": the days of this week, the nearest range there is.
        r"|all\s+week(?:\s+long)?|(?:the\s+)?whole\s+week|weekly|since\s+(?:last\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:this|over\s+the)\s+weekend",
    ),
    ("yesterday", r"yesterday(?:'?s)?|yday(?:'?s)?|ystd"),
    ("today", r"today(?:'?s)?|2day|this\s+(?:morning|afternoon)"),
    (
        "all",
        r"(?:of\s+)?all[\s-]+time|ever|since\s+(?:forever|the\s+(?:beginning|start)|day\s+one)"
        r"|overall|lifetime|all\s+of\s+(?:them|it)|(?:the\s+)?(?:whole|entire)\s+history"
        r"|since\s+(?:i|we)\s+(?:started|began)\s+using\s+(?:you|this|the\s+bot)"
        # "clips from every stream i've done", "flags across all my streams", "from the very beginning"
        r"|(?:from|across|in|over|of|for)\s+(?:all|every|each)\s+(?:of\s+)?(?:my\s+|the\s+)?(?:streams?|sessions?)(?:\s+so\s+far)?"
        r"|(?:since|from)\s+the\s+very\s+(?:beginning|start|first)",
    ),
    # "the last clips", "previous flags": the last stream's, when followed by what is listed.
    (
        "last",
        r"(?:last|previous|prev)(?=\s+(?:clips?|flags?|ledger|report|summary|recap|blog|stats|highlights))",
    ),
    ("current", r"current(?=\s+(?:clips?|flags?|ledger|report|summary|recap|blog|stats|highlights))"),
    # "clps last", "clip candidates week", "📜 ledger last": a bare range word ends a terse DM.
    ("last", r"last(?=\s*[?!.]*\s*$)"),
    ("week", r"week(?=\s*[?!.]*\s*$)"),
    # "the most recent ledger", "latest report": the last stream's.
    ("last", r"(?:most\s+recent|latest)(?=\s+(?:clips?|flags?|ledger|report|summary|recap|blog|stats))"),
)
_WEAK_ALL = r"all"

_PATTERN = re.compile(
    "|".join(f"(?P<e{i}>\\b(?:{pattern})\\b)" for i, (_, pattern) in enumerate(_EXPRESSIONS))
    # "after all that karaoke" is no time.
    + f"|(?P<weak>(?<!after\\s)\\b{_WEAK_ALL}\\b(?!\\s+(?:of\\s+)?(?:the\\s+)?(?:modes?|features)))"
)
_NAMES_STREAM = re.compile(r"\b(?:stream|session|broadcast|live)\b")
_RANGE_OF_GROUP: dict[str, str] = {f"e{i}": name for i, (name, _) in enumerate(_EXPRESSIONS)}


@dataclass(frozen=True, slots=True)
class TimeRef:
    """One time expression found in a message."""

    range: str
    weak: bool = False
    names_stream: bool = False  # "this stream", "last session": the expression names the stream itself


def find_times(text: str) -> tuple[str, list[TimeRef]]:
    """Replace each time expression in lower-cased `text` by "<time:i>"; return the text and the refs."""
    refs: list[TimeRef] = []

    def _mask(match: re.Match[str]) -> str:
        group = match.lastgroup or ""
        if group == "weak":
            refs.append(TimeRef("all", weak=True))
        else:
            names_stream = bool(_NAMES_STREAM.search(match[0]))
            refs.append(TimeRef(_RANGE_OF_GROUP[group], names_stream=names_stream))
        return f" <time:{len(refs) - 1}> "

    return _PATTERN.sub(_mask, fix_time_words(text)), refs


def pick_range(refs: list[TimeRef]) -> tuple[str | None, tuple[str, ...]]:
    """The one range the message names, or (None, the conflicting ranges) when it names several."""
    strong = sorted({ref.range for ref in refs if not ref.weak})
    if len(strong) > 1:
        return None, tuple(strong)
    if strong:
        return strong[0], ()
    return ("all", ()) if refs else (None, ())
