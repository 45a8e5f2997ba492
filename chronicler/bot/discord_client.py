"""The Discord face of the bot: a discord.py client that answers DMs through a `Conversation`.

Only here do replies become discord.py objects. Guild messages, the bot's own messages and other
bots are ignored; while a DM is worked on, the user sees "typing…". Nothing the bot sends can
ping anyone: mentions are disabled for every message.
"""

from __future__ import annotations

import io
import logging
from typing import Any

import discord

from chronicler.bot.conversation import SOMETHING_WRONG, Conversation
from chronicler.bot.replies import EMBED_TOTAL, EMBEDS_PER_MESSAGE, Embed, Reply

log = logging.getLogger(__name__)

_ANSWERED_TYPES = (discord.MessageType.default, discord.MessageType.reply)


def default_intents() -> discord.Intents:
    """DMs and their text; `guilds` only because discord.py's state handling expects it."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.dm_messages = True
    intents.message_content = True
    return intents


class ChroniclerBot(discord.Client):
    """Answers each DM with the conversation's reply."""

    def __init__(
        self, conversation: Conversation, *, intents: discord.Intents | None = None, **options: Any
    ) -> None:
        super().__init__(
            intents=intents or default_intents(), allowed_mentions=discord.AllowedMentions.none(), **options
        )
        self.conversation = conversation

    async def on_ready(self) -> None:
        """Say who we are once connected."""
        log.info("connected to Discord as %s; answering DMs", self.user)

    async def on_message(self, message: discord.Message) -> None:
        """Answer a DM from a person; ignore everything else."""
        if not self.should_answer(message):
            return
        try:
            async with message.channel.typing():
                reply = await self.conversation.handle(str(message.author.id), message.content)
        except Exception:  # the conversation answers its own errors; this is the last line of defence
            log.exception("answering a DM failed")
            reply = Reply.text(SOMETHING_WRONG)
        if reply is not None:
            await self.deliver(message.channel, reply)

    def should_answer(self, message: discord.Message) -> bool:
        """A DM, written by a person (not this bot, not another bot), of an ordinary kind."""
        return (
            message.guild is None
            and isinstance(message.channel, discord.DMChannel)
            and not message.author.bot
            and message.author != self.user
            and message.type in _ANSWERED_TYPES
        )

    async def deliver(self, channel: discord.abc.Messageable, reply: Reply) -> None:
        """Send the reply as one or more messages."""
        for kwargs in to_messages(reply):
            try:
                await channel.send(**kwargs)
            except discord.HTTPException as exc:
                log.warning("Discord refused a reply message (%s %s)", exc.status, exc.text)
                return

    async def close(self) -> None:
        """Let the audit trail finish, then disconnect."""
        await self.conversation.aclose()
        await super().close()


def to_messages(reply: Reply) -> list[dict[str, Any]]:
    """`channel.send` keyword arguments, one dict per message: text first, embeds and files on the last."""
    messages: list[dict[str, Any]] = [{"content": chunk} for chunk in reply.chunks]
    groups = _embed_groups(reply.embeds)
    if groups:
        if messages:
            messages[-1]["embeds"] = groups.pop(0)
        messages.extend({"embeds": group} for group in groups)
    if reply.files:
        if not messages:
            messages.append({})
        messages[-1]["files"] = [discord.File(io.BytesIO(data), filename=name) for name, data in reply.files]
    return messages


def _embed_groups(embeds: tuple[Embed, ...]) -> list[list[discord.Embed]]:
    """Embeds packed into messages: at most 10 each and 6,000 characters between them."""
    groups: list[list[discord.Embed]] = []
    size = 0
    for embed in embeds:
        if not groups or len(groups[-1]) == EMBEDS_PER_MESSAGE or size + embed.size() > EMBED_TOTAL:
            groups.append([])
            size = 0
        groups[-1].append(discord.Embed.from_dict(embed.to_dict()))
        size += embed.size()
    return groups
