"""When the bot speaks in chat: the Steward answers, the Hearthkeeper warms a quiet chat.

Pure decision logic, fed by the caller: `ChatActivity` tracks human chat, `ResponseSuppression`
says when chat is too busy for the bot, `Steward.consider()` returns a reply or None, and
`Hearthkeeper.should_prompt()`/`compose()` decide on and word a prompt for a quiet chat. Every
policy is written out in its class docstring, which doubles as help text.

What a viewer asks is read by fixed rules first (`topics.classify`, in English, German and
Spanish): the streamer's person, records, uptime, schedule, the game, questions about the bot and
instructions to it are answered from templates and real data, never by a model. Only greetings,
plain mentions and the Hearthkeeper's prompts are worded by an optional LLM `Writer`
(`writer(system, user) -> str | None`), and its words are posted only when they pass every check
of `wording.unsafe_reason` (no identity claims, refusals, links, invented numbers or times, other
@mentions, played-along instructions, nothing too long); otherwise rotating templates speak.
Whatever is posted is one line, without links or pings, and capped at Twitch's 500 characters.

Errors:

    core.errors.InvalidInput   a setting is out of range (`field` names it): the caller can fix it
    ValueError                 a naive datetime: a bug upstream, not user input

A failing writer never raises here: its failure is logged and the template wording is used.
"""

from chronicler.domain.policies.activity import ChatActivity
from chronicler.domain.policies.hearthkeeper import DEFAULT_IDLE_MINUTES, Hearthkeeper
from chronicler.domain.policies.steward import Steward
from chronicler.domain.policies.suppression import DEFAULT_ACTIVE_THRESHOLD, ResponseSuppression
from chronicler.domain.policies.topics import Topic, classify
from chronicler.domain.wording import TWITCH_CHAT_LIMIT, Writer, fit_for_chat

__all__ = [
    "DEFAULT_ACTIVE_THRESHOLD",
    "DEFAULT_IDLE_MINUTES",
    "TWITCH_CHAT_LIMIT",
    "ChatActivity",
    "Hearthkeeper",
    "ResponseSuppression",
    "Steward",
    "Topic",
    "Writer",
    "classify",
    "fit_for_chat",
]
