"""What a viewer's message asks of the Steward, read by fixed rules before any LLM is asked anything.

The topic decides who may word the answer. Only a greeting or a plain mention is the writer's (an
LLM); everything else is answered from templates and real data, because a model cannot know the
streamer's home, age or schedule, the stream's uptime or a world record, and will make them up:

    instruction  "ignore your rules", "post a link", "say ...", "pretend ..."   declined politely
    identity     "are you a bot?", "who made you?", "are you ChatGPT?"          a fixed, true answer
    personal     address, age, real name, location, relationships, health     never answered
    record       world records, personal bests, stats, "how many ..."         left to the streamer
    uptime       "how long have you been live?"                               real data or a pointer
    schedule     "when is the next stream?"                                   the Schedule tab
    game         "what game is this?"                                         the theme, or the category
    greeting     "hi", "hallo", "hola"                                        the writer may word it
    question     any other question to the bot                                left to the streamer
    mention      anything else said to the bot                                the writer may word it

The rules read English, German and Spanish (and some French). The riskiest topic wins: "hi, where
do you live?" is personal, not a greeting.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

Topic = Literal[
    "instruction",
    "identity",
    "personal",
    "record",
    "uptime",
    "schedule",
    "game",
    "greeting",
    "question",
    "mention",
]

# The topics whose answer a writer may word; every other one is a template's.
WRITABLE: frozenset[Topic] = frozenset({"greeting", "mention"})


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


_YOU = r"(?:you|u|ya|he|she|they|the streamer|the streamers?|(?:s?he|they)'?s?)"

_INSTRUCTION = _any(
    # Overriding the rules, in any words.
    r"\bignor\w*\b.*\b(?:rules?|instructions?|prompts?|previous|above|guidelines|everything|regeln"
    r"|anweisung\w*"
    r"|vorgaben|reglas|instrucciones|todo|r[eè]gles|consignes)\b",
    r"\b(?:forget|vergiss|olvida\w*|oublie)\b.*\b(?:rules?|instructions?|prompts?|everything|regeln"
    r"|anweisung\w*"
    r"|alles|reglas|instrucciones|todo|r[eè]gles)\b",
    r"\b(?:disregard|override|bypass|jailbreak\w*|dan mode|developer mode|dev mode|system prompt|your prompt"
    r"|your (?:rules|instructions|programming|guidelines)|deine (?:regeln|anweisungen)|tus (?:reglas"
    r"|instrucciones)"
    r"|tes r[eè]gles)\b",
    # Changing who it is.
    r"\b(?:pretend|act as|act like|roleplay|role-play|you are now|you're now|from now on|new rules?"
    r"|new instructions?|simulate|tu so als|spiel(?: mal)? (?:einen|eine)|ab jetzt|finge|finjas|haz como si"
    r"|act[uú]a como|a partir de ahora|fais comme si)\b",
    # Making it say, post or do something.
    r"\brepeat after me\b|\bsprich mir nach\b|\brepite\b",
    r"\b(?:say|type|write|post|send|print|output|spam|paste|copy|reply with|respond with|answer with|tell"
    r"|sag|sage|schreib\w*|poste?|schick\w*|di|dime|escrib\w*|manda\w*|env[ií]a\w*|publica\w*|pon|dis"
    r"|[eé]cris)\b"
    r"\s*(?:me |mir |us |uns |chat |everyone |everybody |them |allen |a todos |al chat )?"
    r"(?:[:\"'“„«]|the word|this|that|exactly|something|anything|a link|the link|links?|urls?|dass|das hier"
    r"|folgendes|esto|eso|algo|lo siguiente)",
    # Links and moderation are never the bot's to hand out.
    r"\b(?:links?|urls?|website|web ?site|discord|invite|click|enlaces?|lien)\b",
    r"(?:https?://|www\.)|\b[\w-]+\.(?:com|tv|gg|ly|io|net|org|me)\b",
    r"\b(?:ban|unban|timeout|time out|mod me|make me (?:a )?mod|delete|purge|bann\w*|banea\w*)\b",
)

_IDENTITY = _any(
    r"\b(?:are|r) (?:you|u) (?:an? |the |even )?(?:bot|robot|ai|a\.i\.|human|real|person|chat ?gpt|gpt"
    r"|machine"
    r"|program|computer|alive|sentient|llm|script)\b",
    r"\b(?:who|what) (?:made|created|built|programmed|trained|owns|runs|coded|wrote) (?:you|u)\b",
    r"\bwhat (?:model|ai|llm|language model|version|kind of (?:bot|ai)) (?:are|r) (?:you|u)\b",
    r"\bwho (?:are|r) (?:you|u)\b|\bwhat (?:are|r) (?:you|u)\W*$",
    r"\b(?:chat ?gpt|openai|gpt-?\d*|llm|language model|claude|gemini|anthropic"
    r"|artificial intelligence)\b",
    r"\bbist du (?:ein |eine )?(?:bot|ki|mensch|roboter|echt|programm)\b|\bwer (?:hat dich|bist du)\b",
    r"\bwas bist du\b|\bk(?:ü|ue)nstliche intelligenz\b",
    r"\beres (?:un |una )?(?:bot|ia|robot|humano|humana|real|persona|programa)\b",
    r"\bqui[eé]n (?:te (?:hizo|cre[oó]|program[oó])|eres)\b|\bqu[eé] eres\b|\binteligencia artificial\b",
    r"\bes-tu (?:un |une )?(?:bot|robot|ia|humain)\b",
)

_PERSONAL = _any(
    # Where they live.
    rf"\bwhere (?:do|does|did) {_YOU} (?:live|stay|reside|work|go to school|sleep)\b",
    rf"\bwhere (?:are|r|is) {_YOU} (?:from|based|located|living|staying)\b",
    r"\bwhere(?:'s| is) (?:your|his|her|their) (?:house|home|place|apartment|flat)\b",
    r"\b(?:address|home ?town|zip ?code|post ?code|which city|what city|what country|which country|what state"
    r"|which state|what town|which town|what part of|location|located|timezone|time zone|neighbou?rhood)\b",
    r"\b(?:live|living|lives) (?:in|near|at|around)\b",
    # Who they are.
    r"\bhow old\b|\bage\b|\bbirthday\b|\bbirth ?date\b|\bborn\b",
    r"\b(?:your|his|her|their|the streamer'?s) (?:real |full |last |first |actual |irl )?name\b|\breal name\b"
    r"|\bwhat(?:'s| is) (?:your|his|her) name\b",
    r"\b(?:girlfriend|boyfriend|gf|bf|wife|husband|married|dating|relationship|kids|children|crush|pregnant"
    r"|parents)\b|\b(?:you|u|she|he|they)(?:'re| are| r|'s| is) (?:single|taken)\b"
    r"|\b(?:is|are|r) (?:you|u|she|he|they|the streamer) (?:single|married|dating|taken|seeing)\b"
    r"|\b(?:your|his|her|their) (?:partner|family|mom|mum|dad|sister|brother|son|daughter|dog|cat|pet)\b",
    r"\b(?:illness|health|healthy|disease|diagnos\w*|medication|meds|covid|doctor|hospital|therapy|cancer"
    r"|injur\w*|disabilit\w*|mental health)\b|\b(?:are|r|is|was|were) (?:you|u|he|she|they) (?:sick|ill|ok"
    r"|okay"
    r"|well|hurt|pregnant)\b",
    r"\b(?:phone|phone number|email|e-mail|instagram|snapchat|dox\w*|ip address|face reveal|how tall|weigh\w*"
    r"|religion|religious|politic\w*|vote|salary|income|how much money|net worth|what school|which school)\b",
    r"\bwhat(?:'s| is| do) (?:your|his|her|their) job\b|\bdo (?:you|u|they|he|she) do for (?:a )?living\b",
    # German.
    r"\bwo (?:wohnst|lebst|wohnt|lebt|arbeitest|arbeitet)\b|\bwoher (?:kommst|kommt|bist|ist)\b|\bwie alt\b",
    r"\b(?:adresse|wohnort|heimatstadt|geburtstag|verheiratet|freundin|freund|frau|mann|kinder|krank\w*"
    r"|handynummer|telefonnummer|gesundheit)\b|\bwie hei(?:ß|ss)(?:t|en) (?:du|er|sie|ihr)\b"
    r"|\b(?:echte[rn]?|richtige[rn]?) name\b",
    # Spanish and French.
    r"\bd[oó]nde (?:vives|vive|viven|est[aá]s|est[aá]|queda|eres|es|trabajas)\b|\bde d[oó]nde\b",
    r"\bcu[aá]ntos a[nñ]os\b|\bedad\b|\bcumplea[nñ]os\b|\bdirecci[oó]n\b|\bnombre real\b",
    r"\b(?:novia|novio|esposa|esposo|casad[oa]|solter[oa]|hijos|familia|enferm[oa]|salud|tel[eé]fono)\b"
    r"|\bc[oó]mo te llamas\b|\bc[oó]mo se llama (?:el|la) streamer\b",
    r"\bo[uù] (?:habites|habite|vis|vit)\b|\bquel [aâ]ge\b|\btu as quel [aâ]ge\b|\badresse\b",
)

_RECORD = _any(
    r"\b(?:world record|wr|personal best|pb|record|records|stats?|statistics|high ?score|best time|fastest"
    r"|rank|ranked|ranking|elo|mmr|k/?d|win ?rate|leaderboard|followers?|subs|subscribers?|viewers?"
    r"|deaths?)\b",
    r"\bhow (?:many|much|often|fast)\b|\bwhat (?:place|rank|level)\b",
    r"\b(?:weltrekord|rekord|bestzeit|statistik\w*|wie viele?|wie oft|wie schnell)\b",
    r"\b(?:r[eé]cord|r[eé]cord mundial|mejor tiempo|estad[ií]sticas?|seguidores|cu[aá]nt[oa]s|cu[aá]nto)\b",
)

_UPTIME = _any(
    r"\bhow long (?:have|has|ha?ve you been|is|are|were|will|u been|you been|been)\b.*\b(?:stream\w*|live"
    r"|on|going"
    r"|up)\b",
    r"\buptime\b|\bwhen did (?:the )?stream (?:start|begin)\b|\bwhen did (?:you|u|he|she|they) (?:go live"
    r"|start)\b",
    r"\bwhat time did\b.*\b(?:start|live)\b|\bhow long ago\b.*\b(?:start|live)\b",
    r"\bwie lange\b.*\b(?:schon|bereits)\b|\bseit wann\b.*\b(?:stream\w*|live|online|l[aä]uft)\b",
    r"\bcu[aá]nto (?:tiempo )?(?:llevas|lleva|llev[aá]is|llevamos)\b|\bdesde cu[aá]ndo\b",
    r"\bdepuis combien de temps\b",
)

_SCHEDULE = _any(
    r"\bschedule\b|\bnext stream\b|\bnext time\b|\bwhen(?:'s| is) the next\b|\bstreaming schedule\b",
    r"\bwhen (?:do|will|does|are|is|r|u) (?:you|u|he|she|they|the stream|stream)\b.*\b(?:stream\w*|live|on"
    r"|back"
    r"|online)\b",
    r"\bstream(?:ing)? (?:tomorrow|tonight|again|later|next)\b",
    r"\b(?:stream\w*|live)\b.*\b(?:tomorrow|tonight|weekend|monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday|next week)\b",
    r"\bwhat time\b.*\b(?:live|stream\w*|start)\b|\bwhen (?:do|does) (?:the )?stream start\b",
    r"\bwann\b.*\b(?:stream\w*|live|online)\b|\bn[aä]chste[rn]? stream\b|\bstreamplan\b",
    r"\bcu[aá]ndo\b.*\b(?:stream\w*|directo|vivo|vuelves|vuelve|pr[oó]xim[oa])\b|\bpr[oó]ximo (?:stream"
    r"|directo)\b",
    r"\bhorario\b|\bquand\b.*\b(?:stream|live|prochain)\b",
)

_GAME = _any(
    r"\bwhat(?:'s| is)? (?:this|the|that) game\b|\bwhat game\b|\bwhich game\b|\bgame(?:'s)? name\b",
    r"\bwhat (?:are|r) (?:you|u|we) playing\b|\bwhat(?:'s| is) this\b|\bname of (?:the|this) game\b",
    r"\bwelches spiel\b|\bwas (?:spielst|spielt|spielen) (?:du|ihr|er|sie|wir)\b|\bwas f[uü]r ein spiel\b",
    r"\bqu[eé] juego\b|\ba qu[eé] (?:juegas|juega|jugamos)\b|\bqu[eé] (?:est[aá]s"
    r"|estamos) jugando\b",
    r"\bc[oó]mo se llama (?:el|este) juego\b|\bquel jeu\b",
)

# Asking for something rather than saying something: a question, whatever its shape.
_REQUEST = re.compile(
    r"\b(?:tell|give|show|explain|describe|list|recommend|teach|help (?:me|us)|let me know|remind"
    r"|erz[aä]hl\w*|zeig\w*"
    r"|gib|erkl[aä]r\w*|cu[eé]nta\w*|dame|mu[eé]stra\w*|expl[ií]ca\w*|d[ií]me)\b"
)
_GREETING = re.compile(
    r"^\W*(?:hi+|hello+|hey+|heya|hiya|yo+|howdy|sup|hallo|hola|greetings|servus|moin|gr[uü](?:ß"
    r"|ss) ?(?:dich|gott)?"
    r"|guten (?:morgen|tag|abend)|buenas|buenos d[ií]as|salut|bonjour|good (?:morning|afternoon|evening))\b"
)
_SMALL_TALK = re.compile(
    r"\b(?:how (?:are|r) (?:you|u|ya|things|we)(?: doing| today| tonight)?|how(?:'s| is) (?:it going|everyone"
    r"|everybody|chat|your day|the day)|what'?s up|wassup|sup|wie geht'?s(?: dir| euch)?|wie geht es (?:dir"
    r"|euch)"
    r"|qu[eé] tal|c[oó]mo est[aá]s|c[oó]mo va|[cç]a va)\b\W*"
)
_SPANISH_QUESTION = re.compile(r"¿\s*\w")
_QUESTION_WORDS = frozenset(
    "who what whats what's when where why how which is are do does did can could will would".split()
)
_ORDERED: tuple[tuple[Topic, re.Pattern[str]], ...] = (
    ("instruction", _INSTRUCTION),
    ("identity", _IDENTITY),
    ("personal", _PERSONAL),
    ("uptime", _UPTIME),
    ("schedule", _SCHEDULE),
    ("record", _RECORD),
    ("game", _GAME),
)


# Questions and first messages are read on every one of them, and chat repeats itself ("hi", "hello").
@functools.lru_cache(maxsize=4096)
def classify(text: str) -> Topic:
    """The topic of a message to the bot (the bot's @mention already taken out)."""
    lowered = " ".join(text.replace("’", "'").lower().split())
    for topic, pattern in _ORDERED:
        if pattern.search(lowered):
            return topic
    # "hi, how are you?" is still a greeting; "hi, what's her favourite colour?" is a question.
    rest = _SMALL_TALK.sub(" ", lowered).strip()
    if _REQUEST.search(rest) or (rest and is_question(rest)):
        return "question"
    if _GREETING.search(lowered):
        return "greeting"
    return "mention"


def is_greeting(lowered: str) -> bool:
    """True when the message opens with a hello."""
    return _GREETING.search(lowered) is not None


def is_question(lowered: str) -> bool:
    """True when the message ends with "?", holds a Spanish "¿...", or opens with a question word."""
    words = lowered.split()
    return (
        lowered.rstrip().endswith("?")
        or _SPANISH_QUESTION.search(lowered) is not None
        or (len(words) > 1 and words[0] in _QUESTION_WORDS)
    )


def opens_with_question_word(lowered: str) -> bool:
    """True when the first word is a question word (a cheap look before any rule runs)."""
    words = lowered.split(maxsplit=1)
    return bool(words) and words[0] in _QUESTION_WORDS
