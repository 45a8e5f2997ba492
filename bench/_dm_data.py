"""The DM corpus (tools/dm_corpus/) read, filled in and varied; shared by tools/train_intents.py and
bench/rules_parser.py so that training and evaluation split it the same way.

Each template line is filled in several times with invented values ({mode}, {chan}, {url}, {tz},
{user}, {n}, {code}, {range}), then varied the way DMs are actually typed: slang ("u", "pls", "rn",
"sesh"), a typo in one word, a greeting or a rambling sentence around it, emoji, case. The EVAL split
is chosen by template (a fifth of them, by a hash of the line), never by variant, so near-duplicates
of an evaluation line are never learned from.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tools" / "dm_corpus"
LANGUAGES = ("en", "es", "fr", "de", "pt")
EVAL_SHARE = 5  # one template in five is kept for evaluation

# Modes by name, and by what they do, in each language (what a streamer calls them).
MODE_NAMES = ("warden", "steward", "hearthkeeper", "librarian", "scribe")
MODE_DESCRIPTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "warden": (
            "scam catcher",
            "thing that catches scams",
            "spam filter",
            "spam detector",
            "scam detection",
            "scam link catcher",
            "thing that flags spam",
            "bot catcher",
            "scam filter",
        ),
        "hearthkeeper": (
            "idle-chat prompts",
            "quiet chat prompts",
            "dead chat prompts",
            "chat nudges",
            "dead chat pings",
            "thing that pings when chat is quiet",
            "chat reminder thing",
            "quiet-chat reminder",
        ),
        "librarian": (
            "highlight detector",
            "clip finder",
            "thing that finds clips",
            "clip detection",
            "highlight tracking",
            "highlight finder",
            "thing that saves the good moments",
        ),
        "steward": (
            "reply bot",
            "auto replies",
            "auto-responder",
            "thing that answers chat",
            "bot that answers viewers",
            "auto-answer bot",
            "chat bot that replies",
        ),
        "scribe": ("ledger writer", "recap writer", "summary writer", "thing that writes the report"),
    },
    "es": {
        "warden": ("filtro de spam", "detector de estafas", "modo que caza el spam"),
        "hearthkeeper": (
            "mensajes para el chat inactivo",
            "avisos de chat tranquilo",
            "modo que anima el chat",
        ),
        "librarian": ("detector de momentos destacados", "buscador de clips", "modo que busca los clips"),
        "steward": ("bot de respuestas", "respuestas automáticas", "modo que responde a los viewers"),
        "scribe": ("escritor del resumen", "modo que escribe el resumen"),
    },
    "fr": {
        "warden": ("filtre anti-spam", "détecteur d'arnaques", "mode qui attrape le spam"),
        "hearthkeeper": ("relances du chat calme", "messages de chat inactif", "mode qui relance le chat"),
        "librarian": ("détecteur de moments forts", "chercheur de clips", "mode qui trouve les clips"),
        "steward": ("bot de réponses", "réponses automatiques", "mode qui répond aux spectateurs"),
        "scribe": ("rédacteur du résumé", "mode qui écrit le résumé"),
    },
    "de": {
        "warden": ("Spamfilter", "Spam-Filter", "Scam-Erkennung", "Betrugserkennung"),
        "hearthkeeper": ("Leerlauf-Nachrichten", "Chat-Anstupser", "Erinnerung bei stillem Chat"),
        "librarian": ("Highlight-Erkennung", "Clip-Finder", "Clip-Sucher"),
        "steward": ("Antwort-Bot", "automatische Antworten", "Bot, der den Zuschauern antwortet"),
        "scribe": ("Protokollschreiber", "Zusammenfassungs-Schreiber"),
    },
    "pt": {
        "warden": ("filtro de spam", "detector de golpes", "modo que pega golpe"),
        "hearthkeeper": ("avisos de chat parado", "mensagens de chat quieto", "modo que anima o chat parado"),
        "librarian": ("detector de destaques", "caçador de clipes", "modo que acha os clipes"),
        "steward": ("bot de respostas", "respostas automáticas", "modo que responde a galera"),
        "scribe": ("escritor do resumo", "modo que escreve o resumo"),
    },
}
# Invented logins and places: never real chatters.
CHANNELS = (
    "pixel_wren",
    "moss_and_ember",
    "lunar_tea",
    "quietfox_tv",
    "byte_heron",
    "cozy_kiln",
    "northgale7",
)
USERS = ("spam_bot_77", "grumpyotter", "nightowl_92", "xx_raider_xx", "lilac_moth", "bad_actor_5", "tinyhat3")
ZONES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("Berlin", "Europe/Berlin"),
        ("London", "Europe/London"),
        ("new york", "America/New_York"),
        ("LA", "America/Los_Angeles"),
        ("Toronto", "America/Toronto"),
        ("Sydney", "Australia/Sydney"),
        ("Tokyo", "Asia/Tokyo"),
        ("America/Chicago", "America/Chicago"),
        ("Europe/Madrid", "Europe/Madrid"),
        ("pacific", "America/Los_Angeles"),
        ("EST", "America/New_York"),
        ("Seattle", "America/Los_Angeles"),
    ),
    "es": (
        ("Madrid", "Europe/Madrid"),
        ("Ciudad de México", "America/Mexico_City"),
        ("Buenos Aires", "America/Argentina/Buenos_Aires"),
        ("Bogotá", "America/Bogota"),
        ("Europe/Madrid", "Europe/Madrid"),
    ),
    "fr": (
        ("Paris", "Europe/Paris"),
        ("Montréal", "America/Toronto"),
        ("Bruxelles", "Europe/Brussels"),
        ("Lyon", "Europe/Paris"),
    ),
    "de": (
        ("Berlin", "Europe/Berlin"),
        ("München", "Europe/Berlin"),
        ("Wien", "Europe/Vienna"),
        ("Zürich", "Europe/Zurich"),
    ),
    "pt": (
        ("São Paulo", "America/Sao_Paulo"),
        ("Lisboa", "Europe/Lisbon"),
        ("Rio", "America/Sao_Paulo"),
        ("America/Sao_Paulo", "America/Sao_Paulo"),
    ),
}
NUMBERS: dict[str, tuple[tuple[str, int], ...]] = {
    "en": (("20", 20), ("15", 15), ("ten", 10), ("thirty", 30), ("five", 5), ("25", 25)),
    "es": (("20", 20), ("diez", 10), ("quince", 15), ("cinco", 5)),
    "fr": (("20", 20), ("dix", 10), ("quinze", 15), ("cinq", 5)),
    "de": (("20", 20), ("zehn", 10), ("fünfzehn", 15), ("fünf", 5)),
    "pt": (("20", 20), ("dez", 10), ("quinze", 15), ("cinco", 5)),
}
RANGES: dict[str, tuple[str, ...]] = {
    "en": ("today", "from yesterday", "last stream", "this week", "tonight", "from last night", ""),
    "es": ("de hoy", "de ayer", "del último stream", "de esta semana", ""),
    "fr": ("d'aujourd'hui", "d'hier", "du dernier stream", "de cette semaine", ""),
    "de": ("von heute", "von gestern", "vom letzten Stream", "diese Woche", ""),
    "pt": ("de hoje", "de ontem", "da última live", "desta semana", ""),
}
# Said before or after a request; the rambling ones bury it in a longer message.
OPENERS: dict[str, tuple[str, ...]] = {
    "en": (
        "hey ",
        "yo ",
        "ok so ",
        "hey bot, ",
        "quick one: ",
        "alright ",
        "real quick, ",
        "hiii ",
        "sorry to bug you but ",
        "ugh ",
        "okay ",
        "so ",
        "long day, the raid earlier was insane and my cam died twice. anyway, ",
        "chat's been super chill and the new overlay looks great. ",
        "i just got back from grabbing food and my cat knocked over my water. ",
        "ok so the game crashed again which was annoying, but whatever. ",
    ),
    "es": (
        "hola ",
        "oye ",
        "bueno, ",
        "oye bot, ",
        "vale, ",
        "ufff el stream de hoy fue largo y el gato tiró el agua. en fin, ",
    ),
    "fr": (
        "salut ",
        "hé ",
        "bon, ",
        "dis le bot, ",
        "ok alors ",
        "longue soirée, le raid était fou et ma cam a planté. bref, ",
    ),
    "de": (
        "hey ",
        "hallo ",
        "also, ",
        "ok, ",
        "du Bot, ",
        "langer Tag, der Raid war krass und die Kamera ist abgestürzt. egal, ",
    ),
    "pt": (
        "oi ",
        "olá ",
        "então, ",
        "ei bot, ",
        "beleza, ",
        "dia longo, o raid foi insano e a câmera travou duas vezes. enfim, ",
    ),
}
CLOSERS: dict[str, tuple[str, ...]] = {
    "en": (
        " pls",
        " please",
        " thx",
        " thanks!",
        " rn",
        " 🙏",
        "!!",
        " ty",
        " asap",
        " :)",
        ".",
    ),
    "es": (" por favor", " porfa", " gracias", " ya", "!", " 🙏"),
    "fr": (" stp", " s'il te plaît", " merci", "!", " 🙏"),
    "de": (" bitte", " danke", "!", " 🙏", " mal"),
    "pt": (" por favor", " pfv", " valeu", "!", " 🙏"),
}
SLANG = (
    (r"\byou\b", "u"),
    (r"\bplease\b", "pls"),
    (r"\bright now\b", "rn"),
    (r"\bsession\b", "sesh"),
    (r"\bthanks\b", "thx"),
    (r"\bare\b", "r"),
    (r"\bwhat\b", "wat"),
    (r"\bwith\b", "w/"),
    (r"\bbecause\b", "cuz"),
    (r"\bstream\b", "strim"),
    (r"\bgoing to\b", "gonna"),
    (r"\bi'm\b", "im"),
    (r"\bdon't\b", "dont"),
    (r"\bwhat's\b", "whats"),
)
_KEYS = "qwertyuiopasdfghjklzxcvbnm"


@dataclass(frozen=True)
class Sample:
    """One generated DM with what it means."""

    text: str
    label: str  # "mode.disable", ..., or "none"
    language: str
    template: str
    slots: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Template:
    """One corpus line under its intent."""

    text: str
    label: str
    language: str
    mode: str | None = None  # under "[mode.enable:warden]": the mode a line describes in its own words

    @property
    def split(self) -> str:
        """ "eval" for one template in EVAL_SHARE (by a hash of the line), else "tune"."""
        key = f"{self.language}|{self.label}|{self.text}".encode()
        return "eval" if zlib.crc32(key) % EVAL_SHARE == 0 else "tune"


def vocabulary() -> list[str]:
    """Every value the placeholders, openers, closers and slang are filled from, as lines of text."""
    lines = [" ".join(MODE_NAMES), " ".join(short for _, short in SLANG)]
    for language in LANGUAGES:
        lines += [d for mode in MODE_DESCRIPTIONS[language].values() for d in mode]
        lines += [written for written, _ in ZONES[language]] + [written for written, _ in NUMBERS[language]]
        lines += [*RANGES[language], *OPENERS[language], *CLOSERS[language]]
    return lines


def templates() -> list[Template]:
    """Every template of the corpus, in file order."""
    found: list[Template] = []
    for language in LANGUAGES:
        for path in sorted(CORPUS.glob(f"{language}*.txt")):
            found += _read(path, language)
    return found


def _read(path: Path, language: str) -> list[Template]:
    """The templates of one corpus file (`en.txt`, `en_more.txt`, ...)."""
    found: list[Template] = []
    label = mode = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]") and " " not in line:
            label, _, mode = line[1:-1].partition(":")
            continue
        found.append(Template(line, label, language, mode or None))
    return found


def _fill(template: Template, rng: random.Random) -> tuple[str, dict[str, object]]:
    lang = template.language
    slots: dict[str, object] = {}

    def _mode(_: re.Match[str]) -> str:
        mode = rng.choice(MODE_NAMES)
        slots["mode"] = mode
        if rng.random() < 0.45:
            return mode
        return rng.choice(MODE_DESCRIPTIONS[lang][mode])

    def _chan(_: re.Match[str]) -> str:
        login = rng.choice(CHANNELS)
        slots["channel"] = login
        return rng.choice((f"#{login}", f"@{login}", f"twitch.tv/{login}", login, login))

    def _url(_: re.Match[str]) -> str:
        digits = "".join(rng.choice("0123456789") for _ in range(18))
        token = "".join(rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGH0123456789_-") for _ in range(40))
        url = f"https://discord.com/api/webhooks/{digits}/{token}"
        slots["url"] = url
        return url

    def _tz(_: re.Match[str]) -> str:
        written, zone = rng.choice(ZONES[lang])
        slots["timezone"] = zone
        return written

    def _user(_: re.Match[str]) -> str:
        user = rng.choice(USERS)
        slots["username"] = user
        return rng.choice((f"@{user}", user))

    def _n(_: re.Match[str]) -> str:
        written, value = rng.choice(NUMBERS[lang])
        slots["idle_minutes"] = value
        return written

    def _code(_: re.Match[str]) -> str:
        code = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(4))
        code += "-" + "".join(rng.choice("23456789") for _ in range(4))
        slots["code"] = code
        return code

    fillers = {"mode": _mode, "chan": _chan, "url": _url, "tz": _tz, "user": _user, "n": _n, "code": _code}
    text = re.sub(r"\{(mode|chan|url|tz|user|n|code)\}", lambda m: fillers[m[1]](m), template.text)
    text = re.sub(r"\{range\}", lambda _: rng.choice(RANGES[lang]), text)
    return re.sub(r"\s+", " ", text).strip(), slots


# Words a typo would change the meaning of ("nevr" may be a slip, but a harmless line must stay harmless).
_KEEP = frozenset(
    "never don't dont not forget ignore maybe should said says wonder might what if".split()
    + "instructions previous system".split()
)


def _typo(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    spots = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha() and w.lower() not in _KEEP]
    if not spots:
        return text
    i = rng.choice(spots)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    elif kind == 1:
        w = w[:j] + w[j + 1 :]
    elif kind == 2:
        w = w[:j] + w[j] + w[j:]
    else:
        w = w[:j] + rng.choice(_KEYS) + w[j + 1 :]
    words[i] = w
    return " ".join(words)


def vary(text: str, language: str, rng: random.Random, *, plain: bool = False) -> str:
    """One way of typing `text`: slang, a typo, an opener, a closer, case; `plain` keeps it as written."""
    if plain:
        return text
    if language == "en":
        for pattern, short in SLANG:
            if rng.random() < 0.4:
                text = re.sub(pattern, short, text, flags=re.I)
    if rng.random() < 0.35:
        text = _typo(text, rng)
    if rng.random() < 0.3:
        text = _typo(text, rng)
    if rng.random() < 0.4:
        text = rng.choice(OPENERS[language]) + text
    if rng.random() < 0.35:
        text = text.rstrip("?.!") + rng.choice(CLOSERS[language])
    roll = rng.random()
    if roll < 0.15:
        text = text.capitalize()
    elif roll < 0.2:
        text = text.upper()
    elif roll < 0.5:
        text = text.lower()
    if rng.random() < 0.2:
        text = text.rstrip("?.!")
    return text


def samples(split: str, *, seed: int, fills: int) -> Iterator[Sample]:
    """The `split` ("tune" or "eval") of the corpus, each template filled and varied `fills` times."""
    rng = random.Random(seed)
    for template in templates():
        if template.split != split:
            continue
        for k in range(fills):
            text, slots = _fill(template, rng)
            # The first fill of every line is as written; the others as DMs get typed.
            text = vary(text, template.language, rng, plain=k == 0)
            if template.mode is not None:
                slots.setdefault("mode", template.mode)
            yield Sample(text, template.label, template.language, template.text, slots)
