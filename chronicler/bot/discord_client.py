"""The Discord face of the bot: a discord.py client that answers DMs through a `Conversation`.

Only here do replies become discord.py objects. Guild messages, the bot's own messages and other
bots are ignored; while a DM is worked on, the user sees "typing…". Nothing the bot sends can
ping anyone: mentions are disabled for every message. Given the API client, it also DMs the notices
waiting for linked streamers (`/api/bot/notices`) every `notices_every` seconds, so a bot that went
deaf mid-stream is told at once, not at the streamer's next DM.

A reply's buttons (the flags' "spam" and "fine") go under its last message; a press comes back as an
interaction, answered through the conversation as the Discord user who pressed, whenever it comes
(the handling does not depend on the view still being held in memory, so it survives a restart).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
from typing import Any

import discord

from chronicler.bot.api_client import ApiClient, ApiError
from chronicler.bot.conversation import SOMETHING_WRONG, Conversation
from chronicler.bot.replies import EMBED_TOTAL, EMBEDS_PER_MESSAGE, Button, Embed, Reply

log = logging.getLogger(__name__)

_ANSWERED_TYPES = (discord.MessageType.default, discord.MessageType.reply)
_STYLES = {
    "primary": discord.ButtonStyle.primary,
    "secondary": discord.ButtonStyle.secondary,
    "success": discord.ButtonStyle.success,
    "danger": discord.ButtonStyle.danger,
}
# discord.py holds a sent view in memory to route its presses; presses are answered in `on_interaction`
# whether or not it still does, so it is let go after a while rather than kept for every listing.
VIEW_HELD_S = 3600.0


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
        self,
        conversation: Conversation,
        *,
        api: ApiClient | None = None,
        notices_every: float = 30.0,
        intents: discord.Intents | None = None,
        **options: Any,
    ) -> None:
        super().__init__(
            intents=intents or default_intents(), allowed_mentions=discord.AllowedMentions.none(), **options
        )
        self.conversation = conversation
        self._api = api
        self._notices_every = notices_every
        self._notices_task: asyncio.Task[None] | None = None
        self._api_down = False

    async def setup_hook(self) -> None:
        """Start DMing notices once logged in (Discord's HTTP API is usable from here on)."""
        self.start_notices()

    def start_notices(self) -> None:
        """Start the notice loop, when there is an API to ask and it is not running yet."""
        if self._api is not None and self._notices_task is None:
            self._notices_task = asyncio.create_task(self._notices_loop(self._api), name="chronicler-notices")

    async def stop_notices(self) -> None:
        """Stop the notice loop, if it runs; a round in progress is abandoned."""
        if self._notices_task is not None:
            self._notices_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._notices_task
            self._notices_task = None

    async def _notices_loop(self, api: ApiClient) -> None:
        """Deliver the waiting notices, then wait `notices_every` seconds; until cancelled."""
        while True:
            try:
                await self.deliver_notices(api)
            except Exception:  # the loop must outlive any one round's surprise
                log.exception("delivering notices failed; trying again next round")
            await asyncio.sleep(self._notices_every)

    async def deliver_notices(self, api: ApiClient) -> int:
        """One round: take the waiting notices and DM each; how many were sent."""
        try:
            notices = await api.bot_notices()
        except ApiError as exc:
            # Every 30 s during an outage would flood the log: say it once, and once when it is over.
            if not self._api_down:
                log.warning(
                    "cannot fetch notices from the API (%s); trying again every %ss", exc, self._notices_every
                )
            self._api_down = True
            return 0
        if self._api_down:
            log.info("the API answers again; notices are delivered")
            self._api_down = False
        sent = 0
        for notice in notices.items:
            if await self._dm(notice.discord_user_id, notice.text):
                sent += 1
        return sent

    async def _dm(self, discord_user_id: str, text: str) -> bool:
        """DM `text` to one user; False (logged) when they cannot be reached."""
        try:
            # Only the id is needed to open the DM: no lookup of the user first.
            channel = await self.create_dm(discord.Object(id=int(discord_user_id)))
            await channel.send(text)
        except discord.HTTPException as exc:  # unknown user, DMs closed, no shared server
            log.warning(
                "cannot DM a notice to Discord user %s (%s %s)", discord_user_id, exc.status, exc.text
            )
            return False
        except Exception:  # whatever else: this user is skipped, the others still get theirs
            log.exception("cannot DM a notice to Discord user %s", discord_user_id)
            return False
        return True

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

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """A button of one of our replies pressed: acknowledged at once, then answered as a follow-up."""
        if interaction.type is not discord.InteractionType.component:
            return
        data: dict[str, Any] = dict(interaction.data or {})
        custom_id = str(data.get("custom_id", ""))
        try:
            # Discord wants an acknowledgement within 3 s; the API call behind the answer may take longer.
            await interaction.response.defer()
            reply = await self.conversation.press(str(interaction.user.id), custom_id)
        except Exception:  # the conversation answers its own errors; this is the last line of defence
            log.exception("answering a button press failed")
            reply = Reply.text(SOMETHING_WRONG)
        if reply is None:
            return  # not one of ours
        for kwargs in to_messages(reply):
            try:
                await interaction.followup.send(**kwargs)
            except discord.HTTPException as exc:
                log.warning("Discord refused the answer to a button (%s %s)", exc.status, exc.text)
                return

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
        """Stop the notice loop, let the audit trail finish, then disconnect."""
        await self.stop_notices()
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
    if reply.buttons:
        if not messages:
            messages.append({})
        messages[-1]["view"] = button_view(reply.buttons)
    return messages


def button_view(buttons: tuple[Button, ...]) -> discord.ui.View:
    """The buttons as a discord.py view (needs a running event loop, as every view does)."""
    view = discord.ui.View(timeout=VIEW_HELD_S)
    for button in buttons:
        view.add_item(
            discord.ui.Button(
                label=button.label, custom_id=button.custom_id, style=_STYLES[button.style], row=button.row
            )
        )
    return view


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
