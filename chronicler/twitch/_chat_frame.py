"""The typed shape of a ``channel.chat.message`` notification frame, for decoding it in one pass.

Only the fields the product reads are declared; msgspec skips the rest of the frame without building
it (fragments, colours, cheers, replies...), which is most of the work a generic JSON parser does.
Anything shaped otherwise fails validation, and the caller falls back to the generic decoder, which
says what is wrong.
"""

from __future__ import annotations

from datetime import datetime

import msgspec


class Badge(msgspec.Struct):
    set_id: str


class Text(msgspec.Struct):
    text: str


class ChatEvent(msgspec.Struct):
    broadcaster_user_login: str
    chatter_user_login: str
    message_id: str
    message: Text
    chatter_user_name: str | None = None
    chatter_user_id: str | None = None
    badges: list[Badge] | None = None
    message_type: str | None = None


class Payload(msgspec.Struct):
    event: ChatEvent


class Metadata(msgspec.Struct):
    message_type: str
    subscription_type: str
    message_timestamp: datetime  # RFC 3339, parsed by msgspec; a naive one is refused by the caller
    message_id: str | None = None


class ChatFrame(msgspec.Struct):
    metadata: Metadata
    payload: Payload


decoder = msgspec.json.Decoder(ChatFrame)
