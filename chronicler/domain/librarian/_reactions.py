"""What kind of reaction a chat message is: funny, hype, shock, sad or wholesome, in several languages.

A lexicon, not a model: emotes (case-sensitive, as chat types them), words (any case), laughter and
shock written as repeated characters, and CJK reactions that sit inside text without spaces.
`bench/reactions.py` measures it on hand-labelled reaction windows (tune and eval VODs apart); the
per-kind weights below were set on the tune VODs only, so that a kind chat writes in every message
("LUL") does not drown one it writes rarely ("monkaS").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Literal

ReactionKind = Literal["funny", "hype", "shock", "sad", "wholesome"]
KINDS: tuple[ReactionKind, ...] = ("funny", "hype", "shock", "sad", "wholesome")

_EMOTES: dict[ReactionKind, str] = {
    "funny": """
        KEKW KEKL LUL LULW OMEGALUL ZULUL 4Head EleGiggle pepeLaugh PepeLaugh haHAA LULE ICANT
        KEKWait peepoGiggles Jebaited BatChest OMEGADANCE Kappa forsenCD xD XD xDD XDD xd
    """,
    "hype": """
        Pog POG PogChamp PogU POGGERS POGGIES PagMan PagChomp HYPERS HYPERCLAP Clap EZ Kreygasm
        gachiHYPER gachiBASS catJAM PogBones PopNemo KomodoHype TwitchLit CurseLit SeemsGood GG
        OkayChamp PauseChamp peepoClap Pogey
    """,
    "shock": """
        monkaS monkaW monkaGIGA monkaOMEGA monkaSHAKE monkaEyes monkaH monkaX WutFace D: NotLikeThis
        WAYTOO WaitWhat modCheck Pepega PepegaShake PepoThink monkaHmm
    """,
    "sad": """
        Sadge PepeHands BibleThump FeelsBadMan widepeepoSad peepoSad FeelsRainMan o7 F RIP
        BabyRage COPIUM Copege PogO
    """,
    "wholesome": """
        <3 peepoHappy widepeepoHappy FeelsGoodMan FeelsOkayMan VirtualHug bleedPurple TwitchUnity
        peepoSmile ModLove HSCheers GivePLZ
    """,
}
_WORDS: dict[ReactionKind, str] = {
    "funny": """
        lol lool lmao lmfao rofl lul lulw kekw kek lel haha hahaha ahah ahaha hehe jaja jajaja jeje
        mdr ptdr xdd kkkk rsrs funny hilarious dead dying 💀 😂 🤣 😆 草 笑 www 哈哈 ㅋㅋ 87
    """,
    "hype": """
        pog poggers letsgo vamos insane clean clutch nice goat huge sheesh sick ez gg ggs
        ggwp wow 🔥 🙌 牛 强 가즈아 yes yess yesss
    """,
    "shock": """
        what wtf omg omfg holy jesus nani wait how 😱 😳 😨 ??? ?! o_o o.o 卧槽 哇 ㄷㄷ scary
        creepy jumpscare huh
    """,
    "sad": """
        rip f unlucky nt sad noo nooo noooo sadge ripbozo oof unlucky rip 😢 😭 💔 almost
    """,
    "wholesome": """
        aww awww cute wholesome congrats congratulations grats love thanks thank <3 ❤ ❤️ ♥
        🥰 😍 🥺 hug hugs proud
    """,
}
EMOTE_KINDS: dict[str, ReactionKind] = {
    token: kind for kind, tokens in _EMOTES.items() for token in tokens.split()
}
WORD_KINDS: dict[str, ReactionKind] = {
    token: kind for kind, tokens in _WORDS.items() for token in tokens.split()
}
# Written out rather than as words: "hahahaha", "jajaja", "kkkkk", "wwww", "2333", "ㅋㅋㅋ", "NOOOO", "?!?!".
_SHAPES: tuple[tuple[re.Pattern[str], ReactionKind], ...] = (
    (
        re.compile(
            r"^(?:a?h+a+){2,}h?$|^(?:j+a+){2,}j?$|^k{4,}$|^w{3,}$|^x+d+$|^l+o+l+$|^l+m+f*a+o+$|^233+$"
        ),
        "funny",
    ),
    (re.compile(r"ㅋ{2,}|哈{2,}|草|[笑]{1,}|ｗ{2,}|w{3,}$"), "funny"),
    (re.compile(r"^no{3,}$|^f+$"), "sad"),
    (re.compile(r"^[?!]{2,}$|^wh?a+t+$"), "shock"),
    (re.compile(r"ㄷ{2,}|卧槽|我的天"), "shock"),
    (re.compile(r"^let'?s+go+$|^ye+s+$|^po+g+$|^[678]{3,}$"), "hype"),
    (re.compile(r"^q+q+$|^t+_+t+$|^;-?\($"), "sad"),
    (re.compile(r"笑死|好好笑"), "funny"),
)
# Chinese, Korean and Japanese chat reacts in short phrases with no spaces, searched for in the whole
# text when no word was a reaction. Taiwanese Twitch chat floods "7777" where mainland chat writes
# "6666" (both "so skilful"), laughs "ㄏㄏ" and mocks a blunder "87"; from what chat-slang guides say,
# not from any labelled moment (none of the labelled reaction windows is in these languages).
_CJK_SHAPES: tuple[tuple[re.Pattern[str], ReactionKind], ...] = (
    (re.compile(r"ㄏ{2,}|ㄎ{2,}|嘿嘿|呵呵|绷不住|草{2,}"), "funny"),
    (
        re.compile(
            r"(?<=[\u2e80-\u9fff\uac00-\ud7af])[67]{3,}|[67]{3,}(?=[\u2e80-\u9fff\uac00-\ud7af])"
            r"|太神|好神|神啦|神拉|神辣|好猛|太猛|好強|太強|太强|牛逼|牛批|厲害|厉害|漂亮|好會|外掛"
            r"|绝了|대박|すご|ナイス|うま"
        ),
        "hype",
    ),
    (re.compile(r"靠北|傻眼|好扯|太扯|嚇死|吓死|好怕|離譜|离谱|好家伙|臥槽|我靠|天啊|爆氣|헐|マジ"), "shock"),
    (re.compile(r"可惜|哭啊|哭了|心疼|淚目|泪目|破防|可憐|可怜|崩潰|崩溃|ㅠ{2,}|ㅜ{2,}"), "sad"),
    (re.compile(r"可愛|可爱|かわい|恭喜|おめ|感動|感动"), "wholesome"),
)
# One character is a reaction only when it is (nearly) the whole message: "幹!" is chat swearing at
# a play, "我不怕" a sentence.
_CJK_ALONE: dict[str, ReactionKind] = {
    "幹": "shock",
    "靠": "shock",
    "怕": "shock",
    "蛤": "shock",
    "猛": "hype",
    "神": "hype",
    "強": "hype",
    "强": "hype",
    "帥": "hype",
    "帅": "hype",
    "穩": "hype",
    "哭": "sad",
    "慘": "sad",
    "惨": "sad",
    "爛": "sad",
}
_CJK_ALONE_MAX = 3  # characters, punctuation left out ("幹!!", "幹幹幹")
_PUNCTUATION = "!?！？。.,，~～"
# Words that are reactions on their own ("what", "dead", "nice") and talk inside a sentence.
# Two-word calls ("lets go", "so close", "nice try") are looked for in the whole text.
_AMBIGUOUS = frozenset(
    "what how wait huh dead dying nice clean huge sick sad love thanks thank almost yes f funny 87".split()
)
_SHORT = 4  # tokens: a message this short is a reaction, a longer one is talk
_STRIP = ".,!:;\"'()[]{}*~"
# Greetings are no reaction: a stream's start and a raid fill chat with them, and neither is a highlight.
GREETINGS: frozenset[str] = frozenset(
    """
    hi hii hiii hiiii hello hallo hey heyy heyyy hola moin servus salut bonjour ciao yo o/ \\o hai
    welcome wb back gn bye tschüss bb cya night morning evening привет 안녕 안녕하세요 こんにちは 你好
    HeyGuys VoHiYo KonCha
    """.split()
)
# Channel emotes are the channel's prefix and a capitalised name: "nepuLul", "xqcSob", "mizkifPog".
_CHANNEL_EMOTE = re.compile(r"^[a-z0-9]{2,}([A-Z][A-Za-z0-9]*)$")
_EMOTE_NAMES: dict[str, ReactionKind] = {
    **dict.fromkeys(
        ("Lul", "LUL", "Lol", "LOL", "Kek", "KEKW", "Laugh", "Heh", "Giggle", "Lmao", "Dead"), "funny"
    ),
    **dict.fromkeys(("Pog", "POG", "Hype", "HYPE", "Clap", "Pag", "Ez", "EZ", "Gg", "GG", "Fire"), "hype"),
    **dict.fromkeys(("Scared", "Shock", "Wut", "Scream", "Sweat", "What", "Monka", "Omg", "Huh"), "shock"),
    **dict.fromkeys(("Sob", "Sad", "Cry", "Rip", "RIP", "Hands", "F", "Sadge"), "sad"),
    **dict.fromkeys(("Love", "Heart", "Hug", "Hugs", "Cozy", "Comfy", "Happy", "Blush", "Aww"), "wholesome"),
}
# Measured on the tune VODs (bench/reactions.py): laughter is in most fast chat, so one laughing
# message says less than one scared or sad one.
KIND_WEIGHTS: Mapping[ReactionKind, float] = {
    "funny": 1.0,
    "hype": 1.3,
    "shock": 1.6,
    "sad": 1.6,
    "wholesome": 1.2,
}


# Chat repeats itself ("KEKW", "LUL LUL"), and every message is read: readings are cached, whole
# messages and single words alike (bench/ingest.py: reading each afresh cost ~10 µs a message).
@functools.lru_cache(maxsize=8192)
def reaction_kinds(text: str) -> frozenset[ReactionKind]:
    """The kinds of reaction one message shows; empty for ordinary talk."""
    found: set[ReactionKind] = set()
    tokens = text.split()
    short = len(tokens) <= _SHORT
    for token in tokens:
        kind = _token_kind(token, short)
        if kind is not None:
            found.add(kind)
    # Two-word calls: "lets go", "so close", "nice try", "clip it" is counted elsewhere.
    if len(tokens) > 1:
        lowered = " ".join(tokens).casefold()
        if "lets go" in lowered or "let's go" in lowered:
            found.add("hype")
        if "so close" in lowered or "nice try" in lowered:
            found.add("sad")
    # CJK reactions sit inside text without spaces.
    if not found and any(ord(char) > 0x2E80 for char in text):
        for shape, shaped in (*_SHAPES[1:], *_CJK_SHAPES):
            if shape.search(text):
                found.add(shaped)
        squeezed = "".join(text.split()).strip(_PUNCTUATION)
        if not found and len(squeezed) <= _CJK_ALONE_MAX:
            found.update(kind for char, kind in _CJK_ALONE.items() if char in squeezed)
    return frozenset(found)


@functools.lru_cache(maxsize=16384)
def _token_kind(token: str, short: bool) -> ReactionKind | None:
    """The reaction one word or emote shows, in a message of few words (`short`) or a longer one."""
    kind = EMOTE_KINDS.get(token)
    if kind is not None:
        return kind
    named = _CHANNEL_EMOTE.match(token)
    if named is not None and named.group(1) in _EMOTE_NAMES:
        return _EMOTE_NAMES[named.group(1)]
    word = token.strip(_STRIP).casefold()
    if not word:
        return "shock" if token.strip("?!") == "" and len(token) >= 2 else None
    kind = WORD_KINDS.get(word)
    if kind is not None:
        return kind if short or word not in _AMBIGUOUS else None
    if not short and word.startswith("wh"):
        return None  # "whaaat" is a reaction, "what do you think ..." a question
    for shape, shaped in _SHAPES:
        if shape.search(word):
            return shaped
    return None


@functools.lru_cache(maxsize=8192)
def is_greeting(text: str) -> bool:
    """True when a message is mostly a greeting ("hi", "hallo ❤", "HeyGuys"), not a reaction."""
    tokens = text.split()
    if not tokens or len(tokens) > 4:
        return False
    first = tokens[0]
    return first in GREETINGS or first.strip(_STRIP).casefold() in GREETINGS


def dominant_kind(counts: Mapping[ReactionKind, int], *, default: ReactionKind = "hype") -> ReactionKind:
    """The kind most of the reacting messages showed, weighted; `default` when none did."""
    best: ReactionKind = default
    best_weight = 0.0
    for kind in KINDS:
        weight = counts.get(kind, 0) * KIND_WEIGHTS[kind]
        if weight > best_weight:
            best, best_weight = kind, weight
    return best


def classify(texts: Iterable[str], *, default: ReactionKind = "hype") -> ReactionKind:
    """The kind of a stretch of chat, from its messages' texts."""
    counts: dict[ReactionKind, int] = {}
    for text in texts:
        for kind in reaction_kinds(text):
            counts[kind] = counts.get(kind, 0) + 1
    return dominant_kind(counts, default=default)
