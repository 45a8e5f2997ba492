"""Words the bot says: the optional LLM writer, made safe to call and safe to post, and template rotation.

A writer is any `writer(system, user) -> str | None` (the `ai` package wraps the configured LLM
as one). It is optional everywhere: None, an exception, or an empty answer all mean "use the
template", so a broken LLM never silences the bot or stops the stream pipeline.

A small model complies with whatever chat asks and invents what it does not know, so its words
are vetted before they are posted (`vetted`, `unsafe_reason`): a reply that claims an identity,
refuses or apologises, talks about or loses a link, carries a number, date or time it was not
given, @-mentions someone else, plays along with an instruction, or is too long for chat is
dropped whole, and the template speaks instead. Dropping, not repairing: "Sure, here's a link:"
with its link cut out is still an unsafe thing to post.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

Writer = Callable[[str, str], str | None]

TWITCH_CHAT_LIMIT = 500
ELLIPSIS = "…"

log = logging.getLogger(__name__)

# A link as chat writes one: with a scheme, with www., or a bare domain under a common ending.
LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|tv|gg|ly|io|net|org|me)(?:/\S*)?", re.IGNORECASE
)
# Twitch runs "/ban", ".timeout" and friends as commands, and "!cmd" wakes other bots.
_COMMAND_START = re.compile(r"^[\s/.!]+")

# What the vetting looks for, in written replies (English, German, Spanish). Each is dropped whole.
_IDENTITY = re.compile(
    r"\b(?:a\.?i\.?|artificial intelligence|assistant|assistent\w*|asistente|open ?ai|chat ?gpt|gpt[\w.-]*"
    r"|language model|llm|models?|claude|anthropic|gemini|mistral|qwen|chat ?bot|bot|robot|ki"
    r"|sprachmodell|ia|modelo|inteligencia artificial|k(?:ü|ue)nstliche intelligenz"
    r"|created by|made by|developed by|trained|programm?ed|programad[oa]|as an?|als (?:eine?|ki)"
    r"|como (?:una?|ia))\b",
    re.IGNORECASE,
)
_REFUSAL = re.compile(
    r"\b(?:i can'?t|i cannot|i can not|i'?m not able|i am not able|i'?m unable|i am unable|i won'?t"
    r"|i will not"
    r"|i'?m sorry|i am sorry|sorry|apolog\w*|unfortunately|i'?m afraid|i am afraid|not allowed|not permitted"
    r"|against (?:my|the) (?:rules|guidelines|policy)|es tut mir leid|leider|entschuldig\w*|ich kann nicht"
    r"|ich darf nicht|lo siento|lamentablemente|no puedo|perd[oó]n|disculp\w*)\b",
    re.IGNORECASE,
)
_COMPLIANCE = re.compile(
    r"^\W*(?:sure|okay|ok|alright|all right|of course|certainly|absolutely|done|understood|will do|claro|vale"
    r"|por supuesto|entendido|klar|nat(?:ü|ue)rlich|gerne|verstanden|alles klar)\b"
    r"|\b(?:here(?:'s| is| are| you go)|hier (?:ist|sind|bitte)|aqu[ií] (?:tienes|est[aá]|va)"
    r"|as (?:you )?(?:requested"
    r"|asked|wish|instructed)|from now on|ab jetzt|a partir de ahora|ignor\w*|rules?|instructions?|prompt"
    r"|regeln|anweisung\w*|reglas|instrucciones)\b",
    re.IGNORECASE,
)
_LINK_TALK = re.compile(
    r"https?|\bwww\b|\b(?:links?|urls?|click\w*|tap here|visit|web ?sites?|site|dot com|discord|enlaces?"
    r"|haz clic|pincha|klick\w*|webseite|seite)\b",
    re.IGNORECASE,
)
# A colon with nothing after it: where a link or a list was, before something cut it out.
_DANGLING_COLON = re.compile(r"[:：]\s*(?:$|[.!?,;…–—-])")
# Claims about the stream or the streamer that only real data may make.
_FACT_TALK = re.compile(
    r"\b(?:live for|streaming for|been live|been streaming|uptime|schedule\w*|next stream|world record|record"
    r"|personal best|high ?score|address|street|years old|lives? in|born|birthday|married|girlfriend"
    r"|boyfriend|wife|husband|followers?|subscribers?|weltrekord|rekord|adresse|jahre alt|wohnt"
    r"|r[eé]cord|direcci[oó]n|a[nñ]os|vive en|horario)\b",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
# Dates and times in words: a day, a month, a clock, a count. Allowed only when the facts carry them.
_TIME_WORDS = frozenset(
    (
        "monday tuesday wednesday thursday friday saturday sunday weekend tomorrow yesterday midnight noon "
        "o'clock am pm hour hours minute minutes second seconds week weeks month months year years "
        "january february march april may june july august september october november december "
        "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
        "hundred thousand million billion "
        "montag dienstag mittwoch donnerstag freitag samstag sonntag morgen gestern uhr stunde stunden "
        "minuten woche jahr jahre zwei drei vier fünf sechs sieben acht neun zehn hundert tausend "
        "lunes martes miércoles jueves viernes sábado domingo mañana ayer hora horas minutos semana "
        "año años dos tres cuatro cinco seis siete ocho nueve diez cien mil"
    ).split()
)
_WORD = re.compile(r"[\w']+")
_AT_NAME = re.compile(r"@(\w*)")


def ask_writer(writer: Writer | None, system: str, user: str) -> str | None:
    """The writer's answer with its ends trimmed, or None when there is none to use."""
    if writer is None:
        return None
    try:
        text = writer(system, user)
    except Exception:  # the writer is a plug-in; whatever breaks in it, the template still works
        log.warning("the writer failed; using the template wording", exc_info=True)
        return None
    if not isinstance(text, str) or not text.strip():
        return None
    return text.strip()


def one_line(text: str, limit: int) -> str:
    """Collapse all whitespace to single spaces and cap at `limit` characters, cutting at a word."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - len(ELLIPSIS)]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + ELLIPSIS


def fit_for_chat(text: str, limit: int = TWITCH_CHAT_LIMIT) -> str:
    """Text made safe to post in Twitch chat: one line, no links, no pings, no commands, capped.

    Returns "" when no words are left, which callers treat like a failed writer.
    """
    # Every "@" goes: "@name" would ping, and "bob" without it still reads well.
    text = LINK.sub("", text).replace("@", "")
    text = _COMMAND_START.sub("", " ".join(text.split()))
    if not any(char.isalnum() for char in text):
        return ""
    return one_line(text, min(limit, TWITCH_CHAT_LIMIT))


def unsafe_reason(
    text: str, *, facts: Iterable[str] = (), mentionable: Iterable[str] = (), limit: int = TWITCH_CHAT_LIMIT
) -> str | None:
    """Why a written reply must not be posted ("identity", "link", "number", ...), or None when it may be.

    `facts` are the only things the reply may repeat (names, a theme): their digits and time words
    are allowed. `mentionable` are the only logins or display names it may @-mention.
    """
    flat = " ".join(text.replace("’", "'").split())
    known = " ".join(facts).replace("’", "'").lower()
    known_words = set(_WORD.findall(known))
    allowed_names = {name.lower() for name in mentionable}
    if not flat or not any(char.isalnum() for char in flat):
        return "empty"
    if len(flat) > min(limit, TWITCH_CHAT_LIMIT):
        return "too long"
    if flat[0] in "/.!":
        return "command"
    if any(name.lower() not in allowed_names for name in _AT_NAME.findall(flat)):
        return "mention"
    checks = (
        ("link", LINK.search(flat) or _LINK_TALK.search(flat) or _DANGLING_COLON.search(LINK.sub("", flat))),
        ("identity", _unknown(_IDENTITY, flat, known)),
        ("refusal", _REFUSAL.search(flat)),
        ("compliance", _unknown(_COMPLIANCE, flat, known)),
        ("fact", _unknown(_FACT_TALK, flat, known)),
    )
    for reason, found in checks:
        if found:
            return reason
    if any(number not in _DIGITS.findall(known) for number in _DIGITS.findall(flat)):
        return "number"
    if any(word in _TIME_WORDS and word not in known_words for word in _WORD.findall(flat.lower())):
        return "time"
    return None


def vetted(
    written: str | None, *, facts: Iterable[str] = (), mentionable: Iterable[str] = (), limit: int
) -> str:
    """The writer's text ready to post (see `fit_for_chat`), or "" when `unsafe_reason` says to drop it."""
    if written is None:
        return ""
    facts = tuple(facts)
    reason = unsafe_reason(written, facts=facts, mentionable=mentionable, limit=limit)
    if reason is not None:
        # Logged without the text: it may be exactly what must not be repeated anywhere.
        log.info("the writer's wording was dropped (%s); using the template", reason)
        return ""
    return fit_for_chat(written, limit)


def _unknown(pattern: re.Pattern[str], text: str, known: str) -> bool:
    """True when `pattern` finds something in `text` that the facts themselves do not say."""
    return any(found.group(0).lower() not in known for found in pattern.finditer(text))


class Rotation:
    """Picks templates in turn so the bot does not repeat itself.

    The starting point comes from the clock, so a bot rebuilt for every session still varies;
    within one instance the same template never comes twice in a row.
    """

    def __init__(self) -> None:
        self._last: dict[str, int] = {}

    def pick(self, key: str, options: Sequence[str], now: datetime) -> str:
        """The next of `options` for `key` (e.g. "greeting"), never the one picked just before."""
        if not options:
            raise ValueError(f"no templates for {key!r}")
        last = self._last.get(key)
        index = (last + 1) if last is not None else int(now.timestamp() // 60)
        index %= len(options)
        self._last[key] = index
        return options[index]
