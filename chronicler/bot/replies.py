"""What the bot answers, before any Discord object exists: text within Discord's limits, embeds, files.

    Reply.text("...")                    split into messages of at most 2,000 characters
    Reply.long_text(text, "ledger.md")   sent as messages, or as a file when it would take too many
    Embed.listing(title, fields)         an embed that fits Discord's size limits, with "…and N more"
    Reply(embeds=..., buttons=...)       buttons under the last message (Discord only; a terminal has none)
    escape_chat(text)                    chat text shown literally: no markdown, no pings, no live links

Only `bot.discord_client` turns these into discord.py objects; the console prints `plain_text()`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

MESSAGE_LIMIT = 2000
MAX_MESSAGES_BEFORE_FILE = 3  # beyond this many messages, long text goes out as an attachment
# Discord's embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)
EMBED_TITLE, EMBED_DESCRIPTION, EMBED_FIELDS, EMBED_TOTAL = 256, 4096, 25, 6000
FIELD_NAME, FIELD_VALUE, EMBED_FOOTER = 256, 1024, 2048
EMBEDS_PER_MESSAGE = 10
# Discord's components: at most 5 rows (of at most 5 buttons) under one message; labels of 80 characters.
BUTTON_ROWS, BUTTON_LABEL, CUSTOM_ID = 5, 80, 100

FENCE = "```"
_MARKDOWN = re.compile(r"([\\*_~`|>#\-\[\]()])")
_MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#)", re.IGNORECASE)
_URL = re.compile(r"\b(http)(s?)://([^\s/?#]+)", re.IGNORECASE)
ZERO_WIDTH_SPACE = "\u200b"


def neutralise_mentions(text: str) -> str:
    """Break @everyone, @here and <@id>/<@&id>/<#id> so they cannot ping anyone."""
    return _MENTION.sub(
        lambda m: f"@{ZERO_WIDTH_SPACE}{m.group(1)}" if m.group(1) else f"<{ZERO_WIDTH_SPACE}{m.group(2)}",
        text,
    )


def escape_markdown(text: str) -> str:
    """Backslash-escape Discord markdown so chat text shows as typed."""
    return _MARKDOWN.sub(r"\\\1", text)


def defang_urls(text: str) -> str:
    """'https://evil.example/x' -> 'hxxps://evil[.]example/x': readable, not clickable (flags hold scams)."""
    return _URL.sub(lambda m: f"hxxp{m.group(2)}://{m.group(3).replace('.', '[.]')}", text)


def escape_chat(text: str, *, defang: bool = False) -> str:
    """Chat text made safe to show: markdown escaped, mentions neutralised, links optionally defanged."""
    if defang:
        text = defang_urls(text)
    return neutralise_mentions(escape_markdown(text))


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, ending in '…' when cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + "…"


def split_text(text: str, limit: int = MESSAGE_LIMIT) -> tuple[str, ...]:
    """Cut text into messages of at most `limit` characters, at paragraph, line or word breaks.

    A code block cut in two is closed at the end of one message and reopened in the next.
    """
    if limit < 2 * len(FENCE) + 10:
        raise ValueError(f"limit {limit} is too small to split into")
    text = text.strip("\n")
    chunks: list[str] = []
    reopen = False
    while text:
        if reopen:
            text = f"{FENCE}\n{text}"
        if len(text) <= limit:
            chunks.append(text)
            break
        room = limit - len(FENCE) - 1  # keep room to close a code block
        cut = _break_before(text, room)
        piece, text = text[:cut].rstrip(), text[cut:].lstrip("\n")
        if not text.strip():
            text = ""
        reopen = piece.count(FENCE) % 2 == 1
        chunks.append(f"{piece}\n{FENCE}" if reopen else piece)
    return tuple(chunk for chunk in chunks if chunk.strip())


def _break_before(text: str, room: int) -> int:
    """The best place to cut `text` at or before `room`: a blank line, a newline, a space, or `room`."""
    floor = room // 3  # never cut so early that a message is mostly empty
    for separator in ("\n\n", "\n", " "):
        at = text.rfind(separator, floor, room)
        if at > 0:
            return at + (1 if separator == " " else 0)
    return room


@dataclass(frozen=True)
class EmbedField:
    """One name/value pair of an embed."""

    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True)
class Embed:
    """A Discord embed, as data."""

    title: str
    description: str = ""
    fields: tuple[EmbedField, ...] = ()
    footer: str | None = None
    colour: int | None = None

    @classmethod
    def listing(
        cls,
        title: str,
        fields: Iterable[EmbedField],
        *,
        description: str = "",
        footer: str | None = None,
        colour: int | None = None,
        total: int | None = None,
    ) -> Embed:
        """An embed of as many `fields` as Discord allows; the rest is counted in the footer.

        `total` is how many items exist in all (when more were found than were fetched).
        """
        title = shorten(title, EMBED_TITLE)
        description = shorten(description, EMBED_DESCRIPTION)
        wanted = [
            EmbedField(shorten(f.name, FIELD_NAME), shorten(f.value, FIELD_VALUE), f.inline) for f in fields
        ]
        total = max(total or 0, len(wanted))
        budget = EMBED_TOTAL - len(title) - len(description) - 80  # 80: room for the "…and N more" footer
        budget -= len(footer or "")
        kept: list[EmbedField] = []
        for item in wanted[:EMBED_FIELDS]:
            size = len(item.name) + len(item.value)
            if size > budget:
                break
            kept.append(item)
            budget -= size
        notes = [footer] if footer else []
        if total > len(kept):
            notes.append(f"…and {total - len(kept)} more")
        return cls(title, description, tuple(kept), " · ".join(notes) or None, colour)

    def size(self) -> int:
        """Characters counted against Discord's 6,000 per message."""
        return (
            len(self.title)
            + len(self.description)
            + len(self.footer or "")
            + sum(len(f.name) + len(f.value) for f in self.fields)
        )

    def to_dict(self) -> dict[str, Any]:
        """Discord's embed JSON shape (what `discord.Embed.from_dict` takes)."""
        data: dict[str, Any] = {"title": self.title, "type": "rich"}
        if self.description:
            data["description"] = self.description
        if self.fields:
            data["fields"] = [{"name": f.name, "value": f.value, "inline": f.inline} for f in self.fields]
        if self.footer:
            data["footer"] = {"text": shorten(self.footer, EMBED_FOOTER)}
        if self.colour is not None:
            data["color"] = self.colour
        return data

    def plain_text(self) -> str:
        """The embed as lines of text, for terminals and the audit trail."""
        lines = [f"== {self.title} =="]
        if self.description:
            lines.append(self.description)
        lines.extend(f"- {f.name}: {f.value}" for f in self.fields)
        if self.footer:
            lines.append(f"({self.footer})")
        return "\n".join(lines)


@dataclass(frozen=True)
class Button:
    """A button under a reply: when pressed, Discord sends its `custom_id` back to the bot."""

    label: str
    custom_id: str
    style: Literal["primary", "secondary", "success", "danger"] = "secondary"
    row: int = 0  # 0 to 4: the buttons of one row sit side by side

    def __post_init__(self) -> None:
        if len(self.custom_id) > CUSTOM_ID or not 0 <= self.row < BUTTON_ROWS:
            raise ValueError(f"Discord refuses a button with custom_id {self.custom_id!r} on row {self.row}")
        object.__setattr__(self, "label", shorten(self.label, BUTTON_LABEL))


@dataclass(frozen=True)
class Reply:
    """One answer to a DM: messages of text, embeds, files as (name, bytes), and buttons."""

    chunks: tuple[str, ...] = ()
    embeds: tuple[Embed, ...] = ()
    files: tuple[tuple[str, bytes], ...] = field(default=(), repr=False)
    buttons: tuple[Button, ...] = ()  # under the last message; a terminal shows none

    @classmethod
    def text(cls, content: str, *, embeds: Sequence[Embed] = ()) -> Reply:
        """Text split into Discord-sized messages, with optional embeds."""
        return cls(split_text(content), tuple(embeds))

    @classmethod
    def long_text(
        cls, content: str, filename: str, *, intro: str, max_messages: int = MAX_MESSAGES_BEFORE_FILE
    ) -> Reply:
        """`content` as messages when it fits in a few, else `intro` plus the content as a file."""
        chunks = split_text(content)
        if len(chunks) <= max_messages:
            return cls(chunks)
        return cls(split_text(intro), files=((filename, content.encode("utf-8")),))

    def with_notes(self, notes: Sequence[str]) -> Reply:
        """The same reply with `notes` added as paragraphs after the text."""
        if not notes:
            return self
        text = "\n\n".join([*self.chunks, *notes])
        return replace(self, chunks=split_text(text))

    def plain_text(self) -> str:
        """Everything the reply shows, as text (terminals, the audit trail)."""
        parts = [*self.chunks, *(embed.plain_text() for embed in self.embeds)]
        parts.extend(f"[attached {name}, {len(data):,} bytes]" for name, data in self.files)
        return "\n\n".join(parts)
