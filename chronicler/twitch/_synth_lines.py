"""What synthetic chatters say: everyday chat, emote floods, clip calls, questions, mentions, scams, raids."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass

from chronicler.twitch._synth_truth import SpamKind, SpikeKind

EMOTES = (
    "LUL",
    "KEKW",
    "PogChamp",
    "Kappa",
    "OMEGALUL",
    "monkaS",
    "Sadge",
    "PepeHands",
    "catJAM",
    "EZ Clap",
    "POGGERS",
    "widepeepoHappy",
    "4Head",
    "BibleThump",
    "<3",
    "HeyGuys",
    "NotLikeThis",
    "ResidentSleeper",
)
_SPIKE_EMOTES: dict[SpikeKind, tuple[str, ...]] = {
    "hype": ("PogChamp", "POGGERS", "Pog", "EZ Clap", "monkaS", "HYPERS"),
    "funny": ("KEKW", "LUL", "OMEGALUL", "PepeLaugh", "LULW", "4Head"),
}
_SPIKE_SHOUTS: dict[SpikeKind, tuple[str, ...]] = {
    "hype": ("NO WAY", "WHAT", "HOLY", "insane play", "that was clean", "LETS GOOO", "he actually did it"),
    "funny": ("LMAO", "im crying", "bro what", "HAHAHA", "not like this", "chat he's trolling"),
}
_CLIP_CALLS = (
    "clip it",
    "CLIP IT",
    "CLIP THAT",
    "someone clip that",
    "clip it mods",
    "@{channel} clip that!!",
)

_EVERYDAY = (
    "hello chat",
    "hi everyone",
    "gg",
    "gg wp",
    "nice",
    "lol",
    "lmao",
    "that was close",
    "unlucky",
    "ez",
    "true",
    "based",
    "ok that was clean",
    "chat is wild today",
    "what did i miss",
    "back from lunch",
    "this song is a banger",
    "the music is so good",
    "love this game",
    "first time seeing this boss",
    "he is cooking",
    "trust the process",
    "big brain",
    "you got this",
    "I would have died there",
    "the audio is a bit quiet",
    "no shot",
    "classic",
    "i called it",
    "bro is locked in",
    "chill stream today",
    "o7",
    "good luck on the run",
    "lets gooo",
    "so close",
    "rip",
    "almost",
    "this map again",
    "ty for the stream",
    "sound is fine for me",
    "lag?",
    "F",
    "W",
    "L",
    "hydrate",
    "posture check",
    "lurking while working",
    "that jump was insane",
    "can't believe that worked",
    "hello from Brazil",
    "hello from Poland",
    "good morning from Australia",
    "its 3am here lol",
    "just got here, hi",
    "love the new overlay",
    "Привет чат",
    "¿qué pasó?",
    "ça va chat?",
    "草",
    "ありがとう",
    "🔥🔥🔥",
    "( ͡° ͜ʖ ͡°)",
    "ᕕ( ᐛ )ᕗ",
    "naïve question but how",
    "Ｗ Ｗ Ｗ",
    "👀",
    "gg 👏",
)
_GREETINGS_NEW = (
    "hi, first time here!",
    "hello! found you on the front page",
    "new here, hi everyone",
    "hey, a friend told me to check the stream out",
    "just followed :)",
)
_QUESTIONS = (
    "@{channel} what rank are you?",
    "what game is next?",
    "how long have you been streaming today?",
    "@{channel} what headset do you use?",
    "what's the song called?",
    "is this your first playthrough?",
    "when is the next stream?",
    "@{channel} do you have a discord?",
    "how do you do that combo?",
    "what settings do you play on?",
    "@{channel} are you going to finish the run today?",
    "what keyboard is that?",
    "do you ever play with viewers?",
    "how old is the channel?",
)
_BOT_MENTIONS = (
    "@{bot} what did I miss?",
    "@{bot} hi!",
    "@{bot} are you a real person?",
    "thanks @{bot}",
    "@{bot} when did the stream start?",
    "is @{bot} a bot?",
    "@{bot} what was the clip from earlier?",
)
_STREAMER = (
    "thanks for the follow {name}!",
    "welcome in everyone",
    "ok one more game then break",
    "brb grabbing water",
    "chat is so quiet today",
    "thank you for the sub {name}!",
    "let's go chat",
    "I saw that {name} KEKW",
    "good question, I'll answer after this fight",
)
_TIMER = (
    "Follow {channel} on Twitter: twitter.com/{channel} | Discord: discord.gg/{code}",
    "Enjoying the stream? Hit follow so you don't miss the next one! <3",
    "Join the community Discord: discord.gg/{code}",
)
_SPAM: dict[SpamKind, tuple[str, ...]] = {
    "buy_followers": (
        "Wanna become famous? Buy followers and viewers on streamboo .com",
        "Wanna become famous? Buy followers, primes and viewers on streamboo .com (bit.ly/{code})",
        "Best viewers on streamboo .com",
        "Hello! Sorry for bothering you. I can offer promotion of your channel: viewers, followers, "
        "views and chat bots. Price is lower than any market. Discord: {name}#{digits}",
    ),
    "free_nitro": (
        "@everyone free discord nitro for 3 months discord.gg/{code}",
        "Free Nitro for streamers, claim before it ends: discord.gg/{code}",
        "Discord Nitro giveaway!!! get yours: dlscord-gift.com/{code}",
        "who wants free nitro? steamcommunity-gift.ru/{code} first 100 only",
    ),
    "cheap_viewers": (
        "cheap viewers on bit.ly/{code}",
        "cheap viewers and followers -> bit.ly/{code}",
        "Get real viewers cheap bit.ly/{code} 🔥",
        "c h e a p  v i e w e r s  on bit .ly/{code}",
    ),
    "copy_raid": (
        "Hey! Check out this streamer, he is going to be BIG twitch-promo.live/{code}",
        "🚨 FREE SKINS GIVEAWAY 🚨 go to csgo-drop.gift/{code} and log in with steam to claim",
        "Wanna become famous? Buy followers and viewers on streamboo .com",
    ),
}
SPAM_KINDS: tuple[SpamKind, ...] = tuple(_SPAM)

# What a raiding community pastes on arrival: long enough, and from enough chatters at once, that a Warden
# not told of the raid takes it for a copy-paste raid.
_RAID_MESSAGES = (
    "{raider} raid! sending love and good vibes from the {raider} community <3",
    "{Raider} Raid! we come in peace and bring cozy vibes <3 <3",
    "RAID from {raider}! thanks for having us, have an amazing stream <3",
)
_RAID_GREETINGS = (
    "hi {channel}!",
    "hello from the raid!",
    "hiii everyone",
    "hey chat <3",
    "raid hype!",
    "what are we playing?",
    "hello hello",
    "first time here, {raider} sent us",
    "hi! {raider} said you are awesome",
)
RAID_SPREAD = 25  # seconds over which the raiders post: they all land together
RAID_GREETING_SHARE = 0.75  # raiders who also say hello after the raid message


@dataclass(frozen=True, slots=True)
class RaidLine:
    """One raider's message: `delay` seconds after the raid, by the `raider`-th chatting raider (from 0)."""

    delay: int
    raider: int
    text: str


def raid_message(rng: random.Random, raider: str) -> str:
    """The friendly message a raiding community pastes, every raider the same."""
    return rng.choice(_RAID_MESSAGES).format(raider=raider, Raider=raider.capitalize())


def raid_greeting(rng: random.Random, channel: str, raider: str) -> str:
    """A raider saying hello to the channel."""
    return rng.choice(_RAID_GREETINGS).format(channel=channel, raider=raider)


def raid_burst(rng: random.Random, channel: str, raider: str, raiders: int) -> list[RaidLine]:
    """What the chatting raiders post, in time order: each the same raid message, most a greeting after it.

    All within `RAID_SPREAD` seconds of the raid, so that the pasted message comes from a dozen newcomers at
    once: the Warden, told of the raid, lets it be.
    """
    message = raid_message(rng, raider)
    lines: list[RaidLine] = []
    for index in range(raiders):
        pasted = rng.randint(0, RAID_SPREAD // 2)
        lines.append(RaidLine(pasted, index, message))
        if rng.random() < RAID_GREETING_SHARE:
            greeted = min(RAID_SPREAD, pasted + rng.randint(1, RAID_SPREAD // 2))
            lines.append(RaidLine(greeted, index, raid_greeting(rng, channel, raider)))
    lines.sort(key=lambda line: (line.delay, line.raider))
    return lines


def everyday(rng: random.Random) -> str:
    """A line of everyday chat, often with an emote on the end."""
    line = rng.choice(_EVERYDAY)
    return f"{line} {rng.choice(EMOTES)}" if rng.random() < 0.25 else line


def emote_flood(rng: random.Random, emotes: tuple[str, ...] = EMOTES) -> str:
    """One emote, alone or repeated, as chat spams them: 'KEKW KEKW KEKW'."""
    return " ".join([rng.choice(emotes)] * rng.choice((1, 1, 2, 3, 3, 4, 6)))


def spike_line(rng: random.Random, kind: SpikeKind, channel: str) -> tuple[str, bool]:
    """A line of a hype moment and whether it asks for a clip."""
    roll = rng.random()
    if roll < 0.12:
        return rng.choice(_CLIP_CALLS).format(channel=channel), True
    if roll < 0.75:
        return emote_flood(rng, _SPIKE_EMOTES[kind]), False
    return f"{rng.choice(_SPIKE_SHOUTS[kind])} {rng.choice(_SPIKE_EMOTES[kind])}", False


def greeting_from_newcomer(rng: random.Random) -> str:
    """What a first-time chatter often opens with."""
    return rng.choice(_GREETINGS_NEW)


def question(rng: random.Random, channel: str) -> str:
    """A question to the streamer."""
    return rng.choice(_QUESTIONS).format(channel=channel)


def bot_mention(rng: random.Random, bot_login: str) -> str:
    """A message naming the assistant's account."""
    return rng.choice(_BOT_MENTIONS).format(bot=bot_login)


def streamer_line(rng: random.Random, someone: str) -> str:
    """Something the broadcaster types into their own chat."""
    return rng.choice(_STREAMER).format(name=someone)


def timer_line(rng: random.Random, channel: str) -> str:
    """A timer bot's periodic plug, with a legitimate invite link, which the Warden must not flag."""
    return rng.choice(_TIMER).format(channel=channel, code=channel[:6] + "gg")


def spam_text(rng: random.Random, kind: SpamKind) -> str:
    """One scam message of that kind, with its own short link."""
    code = "".join(rng.choices(string.ascii_letters + string.digits, k=rng.choice((6, 7, 8))))
    name = rng.choice(("promo_max", "viewmaster", "growfast", "boostking"))
    return rng.choice(_SPAM[kind]).format(code=code, name=name, digits=rng.randrange(1000, 10000))
