"""The audit trail: each answered DM is recorded with `POST /api/interactions`, best effort.

Recording runs in the background after the reply is ready, so it never delays an answer, and a
failure is logged, never shown to the streamer. Secrets a DM may carry (a webhook's token, a link
code) are masked before the record leaves the bot.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from chronicler.bot.replies import Reply, shorten
from chronicler.bot.streamer_api import StreamerApi
from chronicler.contract.commands import Command
from chronicler.nlp.result import ParseResult

log = logging.getLogger(__name__)

REPLY_LIMIT = 4000
ATTEMPT_LIMIT = 4000  # characters of one raw answer kept
MAX_ATTEMPTS = 5
_WEBHOOK_TOKEN = re.compile(r"(/webhooks/\d+/)[A-Za-z0-9_.-]+")
_LINK_CODE = re.compile(r"^(\s*[!/]?link\s+(?:code\s+)?)\S.*", re.IGNORECASE | re.DOTALL)
_JSON_CODE = re.compile(r'("code"\s*:\s*")[^"]*')
# A link code as a streamer may type it anywhere in a DM ("here's my code abcd-efgh-jk"): ten of the
# code alphabet's characters (no I, L, O, 0, 1), a space or dash allowed between them.
_CODE_CHAR = "[A-HJKMNP-Za-hjkmnp-z2-9]"
_CODE_LIKE = re.compile(rf"(?<![\w-]){_CODE_CHAR}(?:[ -]?{_CODE_CHAR}){{9}}(?![\w-])")


def redact(text: str, *, code: str | None = None) -> str:
    """`text` with webhook tokens and link codes masked.

    Masked: `code` (the one the DM was read to carry) wherever it stands, a `link <code>` DM, a
    "code" in JSON, and any run shaped like a code.
    """
    text = _WEBHOOK_TOKEN.sub(r"\1***", text)
    if code:
        text = re.sub(re.escape(code), "***", text, flags=re.IGNORECASE)
    text = _JSON_CODE.sub(r"\1***", _LINK_CODE.sub(r"\1***", text))
    return _CODE_LIKE.sub(_mask_if_a_code, text)


def _mask_if_a_code(match: re.Match[str]) -> str:
    """Mask a code-shaped run with a digit or typed in capitals; a plain lower-case word stays."""
    run = match.group(0)
    return "***" if any(c.isdigit() for c in run) or run.upper() == run else run


@dataclass(frozen=True)
class Interaction:
    """One DM, how it was understood, and what was answered."""

    text: str
    reply: str
    parser: str
    command: Command | None = None
    model: str | None = None
    raw_output: str | None = None
    retries: int = 0
    errors: tuple[str, ...] = field(default=())
    latency_ms: float = 0.0
    fell_back: bool = False  # the LLM failed and the built-in parser answered
    attempts: tuple[str, ...] = field(default=())  # the LLM's raw answer to each attempt

    @classmethod
    def parsed(cls, text: str, result: ParseResult, reply: Reply) -> Interaction:
        """A DM that went through the parser."""
        return cls(
            text,
            reply.plain_text(),
            result.parser,
            result.command,
            result.model,
            result.raw_output,
            result.retries,
            tuple(result.errors),
            result.latency_ms,
            result.fell_back,
            tuple(result.attempts),
        )

    def to_json(self) -> dict[str, Any]:
        """The body of `POST /api/interactions`, secrets masked."""
        command = self.command.to_json() if self.command is not None else None
        code = self.command.code if self.command is not None else None
        if command is not None:
            if command.get("code"):
                command["code"] = "***"
            if command.get("url"):
                command["url"] = redact(command["url"])
        return {
            "text": redact(self.text, code=code),
            "parser": self.parser,
            "model": self.model,
            "raw_output": redact(self.raw_output, code=code) if self.raw_output is not None else None,
            "command": command,
            "retries": self.retries,
            "errors": [redact(e, code=code) for e in self.errors],
            "fell_back": self.fell_back,
            "attempts": [
                shorten(redact(raw, code=code), ATTEMPT_LIMIT) for raw in self.attempts[-MAX_ATTEMPTS:]
            ],
            "latency_ms": round(self.latency_ms, 1),
            "reply": shorten(redact(self.reply, code=code), REPLY_LIMIT),
        }


class AuditTrail:
    """Posts interactions in the background; `drain()` waits for those still on their way."""

    def __init__(self) -> None:
        self._pending: set[asyncio.Task[None]] = set()

    def record(self, api: StreamerApi, interaction: Interaction) -> None:
        """Send `interaction` soon; never raises."""
        task = asyncio.get_running_loop().create_task(self._post(api, interaction))
        self._pending.add(task)  # a reference, so the task is not collected before it runs
        task.add_done_callback(self._pending.discard)

    async def drain(self) -> None:
        """Wait until every record sent so far has been posted or has failed."""
        while self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)

    async def _post(self, api: StreamerApi, interaction: Interaction) -> None:
        try:
            await api.record_interaction(interaction.to_json())
        except Exception as exc:  # best effort: a lost record must never reach the streamer
            log.warning("could not record a DM in the audit trail: %s", exc)
