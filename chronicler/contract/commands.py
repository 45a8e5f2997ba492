"""The one command schema shared by the built-in parser and the LLM parser.

A parsed command, flattened to JSON, is ``{"interaction_type": ..., "action": ..., <slots>}``.
Slots the message did not give are omitted; ``action`` is ``null`` for ``link``, ``help`` and
``unknown``, which take no action.
"""

from __future__ import annotations

import re
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# Re-exported: callers that already name the command schema find the login rule here too.
from chronicler.contract.logins import normalize_login as normalize_login

InteractionType = Literal[
    "session",
    "flags",
    "clips",
    "blog",
    "stats",
    "ledger",
    "mode",
    "settings",
    "twitch",
    "moderate",
    "link",
    "help",
    "unknown",
]
Action = Literal[
    "start",
    "stop",
    "status",
    "list",
    "show",
    "post",
    "enable",
    "disable",
    "configure",
    "set_webhook",
    "set_channel",
    "review",
    "recap",
    "remove_webhook",
    "set_timezone",
    "connect",
    "disconnect",
]
Range = Literal["current", "last", "today", "yesterday", "week", "all"]
ModeName = Literal["hearthkeeper", "steward", "warden", "librarian", "scribe"]
SessionRef = Literal["current", "last"]
# The streamer's answer on a flag, as the API's FlagReviewBody takes it: spam, or not spam.
ReviewVerdict = Literal["confirmed", "dismissed"]
# How long a mode change lasts: the running session only ("pause the warden for tonight"), or from
# now on (the saved setting, and the running session at once). No scope means "always".
ModeScope = Literal["tonight", "always"]
# What a "help" asks about when it asks what one thing is ("what's the scribe?", "what is a clip
# candidate?"): the reply explains that thing instead of listing everything.
HelpTopic = Literal[
    "warden", "librarian", "hearthkeeper", "steward", "scribe", "ledger", "webhook", "clips", "flags", "blog"
]
# Which Twitch grant to connect: the bot account (once per installation) or the streamer's channel.
TwitchGrant = Literal["bot", "broadcaster"]
# The languages the built-in parser reads and the bot answers in.
Language = Literal["en", "es", "fr", "de", "pt"]
LANGUAGES: tuple[str, ...] = get_args(Language)

RANGES: tuple[str, ...] = get_args(Range)
MODES: tuple[str, ...] = get_args(ModeName)

# (interaction_type, action) -> (required slots, optional slots)
CONTRACT: dict[tuple[str, str | None], tuple[frozenset[str], frozenset[str]]] = {
    ("session", "start"): (frozenset(), frozenset({"channel", "theme"})),
    ("session", "stop"): (frozenset(), frozenset()),
    ("session", "status"): (frozenset(), frozenset()),  # also "how long have I been live?"
    # "what did I miss?", "how's chat doing", "recap so far": the running session's ledger so far.
    ("session", "recap"): (frozenset(), frozenset()),
    ("flags", "list"): (frozenset(), frozenset({"range", "username"})),
    # "#3 is spam", "that one's fine": `item` numbers the last flags list shown; none means "that one".
    ("flags", "review"): (frozenset({"verdict"}), frozenset({"item"})),
    ("clips", "list"): (frozenset(), frozenset({"range"})),
    ("blog", "list"): (frozenset(), frozenset({"range"})),
    ("stats", "show"): (frozenset(), frozenset({"range"})),
    ("ledger", "show"): (frozenset(), frozenset({"session"})),
    ("ledger", "post"): (frozenset(), frozenset({"session"})),
    ("mode", "enable"): (frozenset({"mode"}), frozenset({"scope"})),
    ("mode", "disable"): (frozenset({"mode"}), frozenset({"scope"})),
    ("mode", "configure"): (frozenset({"mode", "idle_minutes"}), frozenset()),
    ("mode", "list"): (frozenset(), frozenset()),
    ("settings", "set_webhook"): (frozenset({"url"}), frozenset()),
    ("settings", "set_channel"): (frozenset({"channel"}), frozenset()),
    ("settings", "remove_webhook"): (frozenset(), frozenset()),
    ("settings", "set_timezone"): (frozenset({"timezone"}), frozenset()),
    # "connect twitch": the OAuth device flow; "disconnect twitch" revokes and forgets.
    ("twitch", "connect"): (frozenset(), frozenset({"grant"})),
    ("twitch", "disconnect"): (frozenset(), frozenset({"grant"})),
    # "timeout X", "ban X": answered politely; the bot flags, it never moderates.
    ("moderate", None): (frozenset(), frozenset({"username"})),
    ("link", None): (frozenset({"code"}), frozenset()),
    ("help", None): (frozenset(), frozenset({"topic"})),
    ("unknown", None): (frozenset(), frozenset({"question"})),
}

SLOTS: tuple[str, ...] = (
    "channel",
    "theme",
    "range",
    "username",
    "session",
    "mode",
    "idle_minutes",
    "url",
    "code",
    "question",
    "verdict",
    "item",
    "scope",
    "timezone",
    "grant",
    "topic",
)

# Commands that change something; a misread harmless message must never become one of these.
# Not ("flags", "review"): the other answer undoes it, and its "that one" points at the flags shown,
# not at an earlier command, so asking for a yes first would only get in the way.
STATE_CHANGING: frozenset[tuple[str, str | None]] = frozenset(
    {
        ("session", "start"),
        ("session", "stop"),
        ("mode", "enable"),
        ("mode", "disable"),
        ("mode", "configure"),
        ("settings", "set_webhook"),
        ("settings", "set_channel"),
        ("settings", "remove_webhook"),
        ("settings", "set_timezone"),
        ("twitch", "disconnect"),
        ("ledger", "post"),
    }
)


class Command(BaseModel):
    """A structured command parsed from one DM."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    interaction_type: InteractionType
    action: Action | None = None
    channel: str | None = None
    theme: str | None = Field(default=None, min_length=1, max_length=200)
    range: Range | None = None
    username: str | None = None
    session: SessionRef | None = None
    mode: ModeName | None = None
    idle_minutes: int | None = Field(default=None, ge=1, le=1440)
    url: str | None = Field(default=None, max_length=2000)
    code: str | None = Field(default=None, min_length=1, max_length=64)
    question: str | None = Field(default=None, max_length=500)
    verdict: ReviewVerdict | None = None
    item: int | None = Field(default=None, ge=1, le=100)
    scope: ModeScope | None = None
    # An IANA time zone name ("Europe/Berlin"); whether it exists is the API's to check.
    timezone: str | None = Field(default=None, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_+\-/]+$")
    grant: TwitchGrant | None = None
    topic: HelpTopic | None = None

    @field_validator("channel", "username", mode="before")
    @classmethod
    def _login(cls, value: Any) -> Any:
        return normalize_login(value) if isinstance(value, str) else value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://\S+$", value):
            raise ValueError("url must start with http:// or https:// and contain no spaces")
        return value

    @model_validator(mode="after")
    def _fits_contract(self) -> Command:
        key = (self.interaction_type, self.action)
        if key not in CONTRACT:
            allowed = sorted(str(a) for (t, a) in CONTRACT if t == self.interaction_type)
            raise ValueError(
                f"action {self.action!r} does not go with {self.interaction_type!r} (allowed: {allowed})"
            )
        required, optional = CONTRACT[key]
        given = {name for name in SLOTS if getattr(self, name) is not None}
        if missing := required - given:
            raise ValueError(f"{self.interaction_type} {self.action or ''} needs {sorted(missing)}".strip())
        if extra := given - required - optional:
            raise ValueError(f"{sorted(extra)} do not go with {self.interaction_type} {self.action or ''}")
        return self

    @property
    def changes_state(self) -> bool:
        """True when carrying the command out changes something for the streamer."""
        return (self.interaction_type, self.action) in STATE_CHANGING

    def to_json(self) -> dict[str, Any]:
        """The flattened form: both keys always, slots only when given."""
        data = self.model_dump(exclude_none=True)
        data.setdefault("action", None)
        return {"interaction_type": data.pop("interaction_type"), "action": data.pop("action"), **data}


def unknown(question: str | None = None) -> Command:
    """An `unknown` command, optionally with the clarifying question to ask."""
    return Command(interaction_type="unknown", question=question)
