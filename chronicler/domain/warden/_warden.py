"""The Warden itself: runs every check on a chat message and returns a verdict."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from chronicler.domain.chat import ChatMessage, RaidArrived
from chronicler.domain.warden._blocked import BlockedTerms
from chronicler.domain.warden._config import MAX_LEARNED_PATTERNS, WardenConfig
from chronicler.domain.warden._errors import ConfigError
from chronicler.domain.warden._learning import LearnedPatterns, phrasing_key
from chronicler.domain.warden._links import LinkJudge, LinkKind
from chronicler.domain.warden._model import SpamModel
from chronicler.domain.warden._normalize import normalize
from chronicler.domain.warden._raids import RaidDetector
from chronicler.domain.warden._rules import CONTACT_RULES, GROUPS
from chronicler.domain.warden._screen import Screen
from chronicler.domain.warden._verdict import NOT_FLAGGED, Hit, Verdict, decide

_SCREEN = Screen(GROUPS)

# WardenConfig is frozen (tuples and frozensets inside), so one default instance can be shared.
_DEFAULT_CONFIG = WardenConfig()

# Chat repeats itself ("LULW" x 900): readings of this many recent distinct texts are kept.
_READINGS_CACHED = 4096

# What each kind of suspicious link is evidence of. An ordinary outside link is weak evidence:
# it never flags alone but strengthens a wording match in the same message.
_LINK_EVIDENCE: dict[LinkKind, tuple[str, float, str]] = {
    LinkKind.SHORTENER: ("link_shortener", 0.8, "hides where a link goes behind a shortener"),
    LinkKind.THROWAWAY: ("throwaway_domain", 0.75, "links to a throwaway domain"),
    LinkKind.LOOKALIKE: ("phishing_link", 0.9, "links to a look-alike of a trusted site"),
    LinkKind.DISCORD_INVITE: ("discord_scam", 0.75, "posts a Discord server invite"),
    LinkKind.OTHER_CHANNEL: ("self_promotion", 0.6, "links to another channel"),
    LinkKind.PLAIN: ("outside_link", 0.3, "carries an outside link"),
}
_FIRST_MESSAGE_LINK = ("first_message_link", 0.8, "first message in the channel carries a link")
_FIRST_MESSAGE = ("first_message", 0.3, "first message in the channel")
# A newcomer whose first words hand out a contact is the follow scam's very shape: it weighs more.
_FIRST_MESSAGE_CONTACT = ("first_message", 0.5, "first message in the channel")
_LEARNED = ("learned_pattern", 0.95, "matches spam you confirmed earlier")
# Signs that never flag alone and, alone, do not make a regular's message worth the model's time.
_WEAK_SIGNS = frozenset({"outside_link", "follow_opener", "first_message"})
_RAID_SCORE = 0.85

# The learned model: at or above _MODEL_FLAGS its word is enough; from _MODEL_SUSPECTS it flags a
# first message that also carries a link or a contact handle. Below that it is not heard.
_MODEL_FLAGS = 0.97
_MODEL_SUSPECTS = 0.8
_MODEL_ALONE_SCORE = 0.85
_MODEL_WITH_COMPANY_SCORE = 0.8
# The model reads at most this much of a message: enough for any pitch, and it bounds the cost of
# a wall of text (the model's time grows with the length it reads).
_MODEL_READS = 200

# After a raid, the raiders' greetings and their raid message ("<3 RAID <3" from 80 newcomers) are
# a welcome. Chat events may run a little ahead of the raid notice, hence the grace before it too.
_RAID_GRACE_BEFORE = timedelta(seconds=30)
# Characters the wording patterns read per message at most, all searches together (one search costs
# ~12 µs on 500 characters): every pattern for messages up to ~320 characters, the first 50 at 500.
_MOST_READ = 25_000


class ModelSignalLike(Protocol):
    """What a model says about one message: its score and, in words, why."""

    @property
    def score(self) -> float:
        """The probability (0..1) that the message is spam."""
        ...

    @property
    def cue(self) -> str:
        """Why, for the streamer: "reads like the 'add me on Discord' follow scam (...)"."""
        ...


class SpamScorer(Protocol):
    """The learned model as the Warden uses it (SpamModel, or a stand-in in tests)."""

    def worth_scoring(self, normalized: str) -> bool:
        """Cheap gate: False for text the model need not read."""
        ...

    def score(self, normalized: str, *, first_message: bool) -> float:
        """The probability (0..1) that this normalised message is spam."""
        ...

    def explain(self, normalized: str, *, first_message: bool) -> ModelSignalLike:
        """The score and a cue in words."""
        ...


class _Shipped:
    """Marks "use the model shipped with the package" as the default of Warden(model=...)."""


SHIPPED_MODEL = _Shipped()


@dataclass(frozen=True, slots=True)
class _Reading:
    """What a text says on its own, whoever posts it and whenever."""

    normalized: str
    hits: tuple[Hit, ...]
    first_link: tuple[int, int] | None  # where the first suspicious link sits, if any
    contact: bool  # it hands out a contact handle or pushes to move elsewhere, however weakly
    handle: bool  # it hands out a contact handle or asks outright to be added
    suspect: bool  # some evidence beyond the weak signs (an ordinary link, "I dropped a follow")


class Warden:
    """Flags spam and scams in chat for the streamer's review; it never deletes or times out anything.

    One Warden per channel stream: it remembers recent messages to spot copy-paste raids, and the
    latest raid into the channel to welcome its viewers.
    """

    def __init__(
        self, config: WardenConfig = _DEFAULT_CONFIG, *, model: SpamScorer | _Shipped | None = SHIPPED_MODEL
    ) -> None:
        """Compile the streamer's terms, domains and learned patterns once; `config` is kept as given.

        `model` is the learned model: by default the shipped one, None for rules only, or a stand-in.
        """
        self.config = config
        self._model: SpamScorer | None = SpamModel.load() if isinstance(model, _Shipped) else model
        self._raids = RaidDetector(
            window=config.raid_window_seconds,
            size=config.raid_size,
            min_words=config.raid_min_words,
            min_chars=config.raid_min_chars,
            max_tracked=config.raid_max_tracked,
        )
        read = functools.partial(
            _read,
            BlockedTerms(config.blocked_terms),
            _learned_terms(config.learned_patterns),
            LinkJudge(config.allowed_domains),
        )
        self._read = functools.lru_cache(maxsize=_READINGS_CACHED)(read)
        self._model_says = functools.lru_cache(maxsize=_READINGS_CACHED)(self._ask_model)
        self._worth_scoring = functools.lru_cache(maxsize=_READINGS_CACHED)(self._model_gate)
        self._raid: RaidArrived | None = None  # the latest raid into this channel
        # One set lookup per message for everyone never flagged: known bots and trusted chatters.
        self._never_flagged = config.known_bots | config.trusted_chatters
        self._welcome = timedelta(seconds=config.raid_welcome_seconds)

    def observe_raid(self, raid: RaidArrived) -> None:
        """Another channel raided this one: its viewers' greetings in the next minutes are a welcome."""
        self._raid = raid

    def check(self, message: ChatMessage) -> Verdict:
        """Judge one message; broadcaster, mods, VIPs, known bots and trusted chatters are never flagged."""
        if message.is_privileged or message.chatter_login in self._never_flagged:
            return NOT_FLAGGED
        reading = self._read(message.text, message.channel)
        normalized = reading.normalized
        first = message.first_message
        if not reading.hits and not first and not self._raids.might_count(normalized):
            return NOT_FLAGGED  # the bulk of chat: a regular, nothing suspicious, too short to be a raid
        # The model reads what a newcomer says, or what a rule already found suspect: scoring every
        # line of a busy chat would cost more than all the rules together, and a regular's plain
        # link is no reason to let the model decide alone.
        ask_model = (first or reading.suspect) and self._worth_scoring(normalized)
        if not reading.hits and not ask_model and not self._raids.might_count(normalized):
            return NOT_FLAGGED
        login = message.chatter_login
        config = self.config
        raid = self._raid_welcoming(message)
        hits = list(reading.hits)
        first_link = reading.first_link
        if raid is not None and first_link is not None:
            # The raiders may well link the channel they came from: that is no promotion here.
            own = f"twitch.tv/{raid.from_login}"
            hits = [hit for hit in hits if own not in normalized[hit.start : hit.end]]
            if own in normalized[first_link[0] : first_link[1]]:
                first_link = None
        payload = bool(hits)  # a link, a contact, or any other evidence of its own

        if first:
            if first_link is not None:
                hits.append(Hit(*_FIRST_MESSAGE_LINK, *first_link))
            elif reading.handle:
                hits.append(Hit(*_FIRST_MESSAGE_CONTACT, 0, len(normalized)))
            elif hits and raid is None:
                # Spam accounts rarely say a second thing: a first message makes weak wording count.
                # Raiders are all new here, so during a raid their first words are not held against them.
                hits.append(Hit(*_FIRST_MESSAGE, 0, len(normalized)))

        crowd = self._raids.observe(
            message.channel, login, normalized, message.sent_at, first_link is not None, first
        )
        if crowd.chatters >= config.raid_size:
            window = f"{config.raid_window_seconds:g}s"
            if payload:
                label = f"same text from {crowd.chatters} chatters within {window}, with a link or contact"
                hits.append(
                    Hit("copy_paste_raid", _RAID_SCORE, label + " (copy-paste raid)", 0, len(normalized))
                )
            elif raid is None and 5 * crowd.newcomers >= 4 * crowd.chatters:
                # Community copypasta is many regulars typing the same joke; a raid of fresh accounts
                # with nothing to sell is a hate raid or a bot test.
                label = (
                    f"same text from {crowd.chatters} chatters within {window}, most of them new here"
                    " (copy-paste raid)"
                )
                hits.append(Hit("copy_paste_raid", _RAID_SCORE, label, 0, len(normalized)))

        verdict = decide(hits, config.threshold, normalized)
        if not verdict.flagged and ask_model:
            model_hit = self._model_hit(reading, first, first_link is not None)
            if model_hit is not None:
                verdict = decide([*hits, model_hit], config.threshold, normalized)
        if (
            verdict.flagged
            and config.allowed_phrasings
            and phrasing_key(message.text) in config.allowed_phrasings
        ):
            return NOT_FLAGGED  # the streamer said this phrasing is fine in their channel
        return verdict

    def _raid_welcoming(self, message: ChatMessage) -> RaidArrived | None:
        """The raid whose viewers may be arriving as this message is sent, if any."""
        raid = self._raid
        if raid is None or raid.channel != message.channel:
            return None
        since = message.sent_at - raid.at
        return raid if -_RAID_GRACE_BEFORE <= since <= self._welcome else None

    def _model_hit(self, reading: _Reading, first_message: bool, has_link: bool) -> Hit | None:
        """The model's evidence on a message the rules did not flag, or None when it says nothing."""
        score, cue = self._model_says(reading.normalized, first_message)
        whole = len(reading.normalized)
        if score >= _MODEL_FLAGS:
            return Hit("spam_model", _MODEL_ALONE_SCORE, cue, 0, whole)
        if score >= _MODEL_SUSPECTS and first_message and (has_link or reading.contact):
            carries = "a link" if has_link else "a contact handle"
            label = f"{cue}, from a first-time chatter with {carries}"
            return Hit("spam_model", _MODEL_WITH_COMPANY_SCORE, label, 0, whole)
        return None

    def _model_gate(self, normalized: str) -> bool:
        """Whether the model would read this text at all (its own cheap gate; False without a model)."""
        return self._model is not None and self._model.worth_scoring(normalized)

    def _ask_model(self, normalized: str, first_message: bool) -> tuple[float, str]:
        """The model's score and cue for a normalised text (cached: chat repeats itself)."""
        model = self._model
        if model is None:
            return 0.0, ""
        # One pass for the score and the cue: scoring first and explaining after would read twice.
        signal = model.explain(normalized[:_MODEL_READS], first_message=first_message)
        return signal.score, signal.cue


def _learned_terms(patterns: tuple[str, ...]) -> LearnedPatterns:
    """The streamer's learned patterns, matched like blocked terms; the newest ones past the limit."""
    try:
        return LearnedPatterns(patterns[-MAX_LEARNED_PATTERNS:])
    except ConfigError as error:
        raise ConfigError(str(error), field="learned_patterns") from error


def _read(
    blocked: BlockedTerms, learned: LearnedPatterns, links: LinkJudge, text: str, channel: str
) -> _Reading:
    """Run the checks that depend on the text alone (and the channel, for its own links)."""
    normalized = normalize(text)
    hits: list[Hit] = []

    found_term = blocked.find(normalized)
    if found_term is not None:
        term, (start, end) = found_term
        hits.append(Hit("blocked_term", 1.0, f"contains the blocked term '{term}'", start, end))
    found_learned = learned.find(normalized)
    if found_learned is not None:
        hits.append(Hit(*_LEARNED, *found_learned))

    # A streamer's own term outranks any wording rule, so those need not be read. Otherwise the rules
    # read at most _MOST_READ characters in all, in a fixed order: a 500-character message naming
    # every stem would run them all over all of it (bench/blocked_terms.py: 1.4 ms with the most terms).
    most_searches = 0 if hits else _MOST_READ // max(len(normalized), 1)
    searches = 0
    for group in _SCREEN.groups(normalized):
        for rule in group.patterns:
            if searches >= most_searches:
                break
            searches += 1
            found = rule.search(normalized)
            if found is not None:
                hits.append(Hit(rule.rule, rule.score, rule.label, *found.span()))

    # Every link has a dot in it by now: normalisation put the "(dot)"s back.
    suspicious = links.links(normalized, channel, text) if "." in normalized else []
    for link in suspicious:
        name, score, label = _LINK_EVIDENCE[link.kind]
        hits.append(Hit(name, score, label, link.start, link.end))
    first_link = (suspicious[0].start, suspicious[0].end) if suspicious else None
    if not hits:
        return _Reading(normalized, (), None, False, False, False)  # the bulk of chat
    contact = any(hit.rule in CONTACT_RULES for hit in hits)
    # A handle, or an outright "add me": weak talk of Discord and a bare "#1234" (a rank as often
    # as an old Discord tag) are not enough to weigh a first message more.
    handle = any(hit.rule in CONTACT_RULES and hit.score >= 0.6 for hit in hits)
    suspect = any(hit.rule not in _WEAK_SIGNS for hit in hits)
    return _Reading(normalized, tuple(hits), first_link, contact, handle, suspect)
