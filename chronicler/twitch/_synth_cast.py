"""The people of a synthetic chat: regulars, newcomers, the broadcaster, a timer bot and spam accounts."""

from __future__ import annotations

import hashlib
import random
import string
from dataclasses import dataclass
from itertools import accumulate

_ADJECTIVES = (
    "pixel",
    "mossy",
    "quiet",
    "frosty",
    "lucky",
    "sleepy",
    "crispy",
    "salty",
    "cosmic",
    "tiny",
    "grumpy",
    "silver",
    "rusty",
    "velvet",
    "spicy",
    "lazy",
    "brave",
    "noisy",
    "hollow",
    "golden",
    "wobbly",
    "misty",
    "turbo",
    "feral",
    "mellow",
    "shady",
    "sunny",
    "dusty",
    "neon",
    "polar",
    "swift",
    "cozy",
    "rogue",
    "sneaky",
)
_NOUNS = (
    "wren",
    "otter",
    "koala",
    "badger",
    "falcon",
    "noodle",
    "pancake",
    "goblin",
    "lynx",
    "moth",
    "tortoise",
    "wizard",
    "pickle",
    "raven",
    "cactus",
    "panda",
    "ferret",
    "comet",
    "walrus",
    "bean",
    "gecko",
    "yeti",
    "kraken",
    "muffin",
    "heron",
    "dumpling",
    "beetle",
    "marmot",
    "golem",
    "sprout",
    "toad",
    "quokka",
    "fox",
)
# Twitch lets a display name be written in the chatter's own script while the login stays ASCII.
_LOCALIZED_NAMES = ("하늘", "ゆきだるま", "Мишка", "小龍", "Ñandú", "Σπύρος", "ดาว", "Ólafur")
_SPAM_FIRST_NAMES = (
    "hellen",
    "jessica",
    "alexa",
    "marina",
    "kristina",
    "anna",
    "viewerboost",
    "promo",
    "sarah",
)


@dataclass(frozen=True, slots=True)
class Chatter:
    """One account as the simulator uses it."""

    login: str
    display_name: str
    chatter_id: str
    badges: frozenset[str] = frozenset()


def make_chatter(
    login: str, display_name: str | None = None, badges: frozenset[str] = frozenset()
) -> Chatter:
    """A chatter whose numeric id follows from the login, so it is the same in every stream."""
    chatter_id = str(int(hashlib.sha1(login.encode()).hexdigest()[:12], 16) % 10**9)
    return Chatter(login=login, display_name=display_name or login, chatter_id=chatter_id, badges=badges)


class Cast:
    """Everyone who can speak in one synthetic stream, drawn from the stream's random generator."""

    def __init__(
        self, rng: random.Random, channel: str, *, regulars: int, bot_login: str, timer_bot: str | None
    ) -> None:
        self._rng = rng
        self._taken = {channel, bot_login, *([timer_bot] if timer_bot else [])}
        self.broadcaster = make_chatter(channel, channel.capitalize(), frozenset({"broadcaster"}))
        self.timer_bot = (
            make_chatter(timer_bot, timer_bot.capitalize(), frozenset({"moderator"})) if timer_bot else None
        )
        self.regulars = [self._regular(rank) for rank in range(regulars)]
        # A few regulars do most of the talking, as in any real chat: Zipf-like weights by rank.
        self._cumulative = list(accumulate(1 / (rank + 1) ** 0.9 for rank in range(regulars)))

    def regular(self) -> Chatter:
        """A regular, the talkative ones more often."""
        return self._rng.choices(self.regulars, cum_weights=self._cumulative)[0]

    def newcomer(self) -> Chatter:
        """A fresh account that has never chatted in the channel."""
        login, display = self._fresh_name()
        return make_chatter(login, display)

    def spam_account(self) -> Chatter:
        """A throwaway account of the kind scam bots use."""
        while True:
            if self._rng.random() < 0.6:
                name, separator = self._rng.choice(_SPAM_FIRST_NAMES), self._rng.choice(("_", ""))
                login = f"{name}{separator}{_code(self._rng, 4)}"
            else:
                login = _code(self._rng, 9)
            if login not in self._taken:
                self._taken.add(login)
                return make_chatter(login, login.capitalize())

    def _regular(self, rank: int) -> Chatter:
        """The regular of that activity rank; the most active ones are likelier to be mods or VIPs."""
        login, display = self._fresh_name()
        badges: set[str] = set()
        roll = self._rng.random()
        if rank < 30 and roll < 0.1:
            badges.add("moderator")
        elif rank < 60 and roll < 0.18:
            badges.add("vip")
        if self._rng.random() < 0.35:
            badges.add("subscriber")
        if self._rng.random() < 0.03:
            display = self._rng.choice(_LOCALIZED_NAMES)
        return make_chatter(login, display, frozenset(badges))

    def _fresh_name(self) -> tuple[str, str]:
        """An unused (login, display name) pair in one of the shapes real logins take."""
        while True:
            adjective, noun = self._rng.choice(_ADJECTIVES), self._rng.choice(_NOUNS)
            big_adjective, big_noun = adjective.capitalize(), noun.capitalize()
            digits = str(self._rng.randrange(1, 1000))
            shape = self._rng.randrange(5)
            if shape == 0:
                login, display = f"{adjective}_{noun}", f"{big_adjective}_{big_noun}"
            elif shape == 1:
                login, display = f"{adjective}{noun}{digits}", f"{big_adjective}{big_noun}{digits}"
            elif shape == 2:
                login, display = f"{noun}{digits}", f"{noun}{digits}"
            elif shape == 3:
                login, display = f"the{adjective}{noun}", f"The{big_adjective}{big_noun}"
            else:
                login, display = f"x{noun}_{adjective}x", f"x{big_noun}_{big_adjective}x"
            if login not in self._taken and len(login) <= 25:
                self._taken.add(login)
                return login, display


def _code(rng: random.Random, length: int) -> str:
    """Random lower-case letters and digits, as in throwaway logins and short links."""
    return "".join(rng.choices(string.ascii_lowercase + string.digits, k=length))
