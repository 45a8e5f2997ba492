"""The DM conversation without Discord: rate limit → link or parse → confirm → dispatch → audit → notices.

    conversation = Conversation(client, parser, DiscordAuthenticator(client))
    reply = await conversation.handle("123456789012345678", "show today's flagged messages")
    reply = await conversation.press("123456789012345678", custom_id)   # a button of a reply pressed
    await conversation.aclose()            # waits for audit records still on their way

The Discord client and the console both drive one of these; a user is a key (a Discord user id,
or "console"). Per user it keeps the last few turns for follow-ups, at most one command waiting
for a "yes", a cached profile, the flags last listed (for "#2 is spam"), and a lock so one user's
DMs are answered in order.

Every failure ends as a reply written for the streamer: the API being down, an account not yet
linked (they are told how to get a link code, never asked for a password), a refused request (the
API's own message). Unexpected errors are logged with their trace and answered with an apology.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import partial

from chronicler.bot.api_client import (
    ApiClient,
    ApiError,
    ApiUnavailable,
    ApiUserError,
    BotSecretRejected,
    ContractMismatch,
    EndpointMissing,
    NotLinked,
    TokenRejected,
)
from chronicler.bot.audit import AuditTrail, Interaction
from chronicler.bot.auth import Authenticator, TokenSource
from chronicler.bot.confirm import Pending, is_no, is_yes, needs_confirmation, question
from chronicler.bot.context import Context, ShownFlags
from chronicler.bot.handlers import build_registry, flags
from chronicler.bot.handlers.link import NOT_LINKED
from chronicler.bot.languages import phrase
from chronicler.bot.ratelimit import RateLimiter
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Reply, neutralise_mentions, shorten
from chronicler.bot.streamer_api import StreamerApi
from chronicler.bot.wording import sentence
from chronicler.contract.api import UserOut
from chronicler.contract.commands import Command, unknown
from chronicler.nlp.result import Parser, ParseResult, Turn
from chronicler.nlp.rules import REVIEW_CONFIDENCE, detect_language, review_in_dm

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

# "link ABCDE-FGH23" is read without the parser: strangers must not cost an LLM call.
LINK_DM = re.compile(r"^\s*[!/]?link\s+(?:code\s+)?(?P<code>\S.{0,63}?)\s*$", re.IGNORECASE | re.DOTALL)

API_DOWN = "I can't reach the Chronicler service right now — it may be restarting. Try again in a minute."
NOT_AVAILABLE = "That isn't available on this Chronicler server yet (the bot and the API differ in version)."
MISCONFIGURED = "I'm not set up to talk to the Chronicler service. Whoever runs it must check BOT_API_SECRET."
SIGN_IN_FAILED = "I couldn't sign you in just now. Please try again in a moment."
SOMETHING_WRONG = "Something went wrong on my side; it has been logged. Please try again."
_SHORT_ANSWER = 2  # words: "sí", "oui merci", "ja bitte"
RATE_LIMITED = "You're sending messages faster than I can keep up with — give me {seconds} s, then try again."
CANCELLED = phrase("cancelled")  # in English; a DM in another language gets its own
EXPIRED = "That request waited too long for a yes, so nothing changed. Ask again if you still want it."
_LONG_AGO = datetime.min.replace(tzinfo=UTC)


@dataclass
class _User:
    """What the conversation remembers about one user."""

    tokens: TokenSource
    api: StreamerApi
    history: deque[tuple[datetime, Turn]]
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    profile: UserOut | None = None
    profile_at: datetime = _LONG_AGO
    pending: Pending | None = None
    flags_shown: ShownFlags = field(default_factory=ShownFlags)
    language: str | None = None  # of the latest DM whose language was told, for a "sí" after it


class Conversation:
    """Answers DMs, one `handle()` call per DM."""

    def __init__(
        self,
        client: ApiClient,
        parser: Parser,
        authenticator: Authenticator,
        *,
        registry: Registry | None = None,
        limiter: RateLimiter | None = None,
        confirm_within: timedelta = timedelta(minutes=2),
        min_confidence: float = 0.6,
        history_turns: int = 3,
        follow_up_window: timedelta = timedelta(minutes=15),
        profile_ttl: timedelta = timedelta(minutes=5),
        max_users: int = 10_000,
        clock: Clock = lambda: datetime.now(UTC),
    ) -> None:
        self._client = client
        self._parser = parser
        self._auth = authenticator
        self.registry = registry or build_registry()
        self._limiter = limiter or RateLimiter()
        self._confirm_within = confirm_within
        self._min_confidence = min_confidence
        self._history_turns = history_turns
        self._follow_up_window = follow_up_window
        self._profile_ttl = profile_ttl
        self._max_users = max_users
        self._clock = clock
        self._users: OrderedDict[str, _User] = OrderedDict()
        self._audit = AuditTrail()

    async def handle(self, user_key: str, text: str) -> Reply | None:
        """The reply to one DM, or None when there is nothing to say (empty, or a burst being ignored)."""
        text = text.strip()
        if not text:
            return None
        now = self._clock()
        decision = self._limiter.check(user_key, now)
        if not decision.allowed:
            return Reply.text(RATE_LIMITED.format(seconds=decision.retry_after_s)) if decision.warn else None
        user = self._user(user_key)
        async with user.lock:
            return await self._converse(user_key, user, text, now)

    async def press(self, user_key: str, custom_id: str) -> Reply | None:
        """The answer to a button of one of our replies pressed by `user_key`; None for one not ours."""
        if not flags.is_review_button(custom_id):
            return None
        now = self._clock()
        decision = self._limiter.check(user_key, now)
        if not decision.allowed:
            return Reply.text(RATE_LIMITED.format(seconds=decision.retry_after_s))
        user = self._user(user_key)
        async with user.lock:
            try:
                await user.tokens.token()  # a stranger pressing a forwarded button learns how to link
                profile = await self._profile(user, now)
            except ApiError as exc:
                return self._explain(exc)
            ctx = self._context(user_key, user, profile, now)
            try:
                reply = await flags.press(custom_id, ctx, user.api)
            except ApiError as exc:
                reply = self._explain(exc)
            record = Interaction(f"[pressed {custom_id}]", reply.plain_text(), parser="button")
            self._audit.record(user.api, record)
            return reply

    async def aclose(self) -> None:
        """Wait for audit records still being posted."""
        await self._audit.drain()

    # -- the steps --------------------------------------------------------------------------------

    async def _converse(self, key: str, user: _User, text: str, now: datetime) -> Reply:
        """Link, or check the account and answer; then the notices and the audit record."""
        if match := LINK_DM.match(text):
            return await self._link_dm(key, user, text, match["code"], now)
        try:
            await user.tokens.token()  # unlinked users learn how to link before anything is parsed
        except ApiError as exc:
            return self._explain(exc)
        notices = asyncio.create_task(self._notices(user))
        try:
            reply, record = await self._answer(key, user, text, now)
        except ApiError as exc:
            reply = self._explain(exc)
            record = Interaction(text, reply.plain_text(), parser="none", errors=(str(exc),))
        finally:
            notes = await notices
        reply = reply.with_notes([neutralise_mentions(note) for note in notes])
        self._audit.record(user.api, replace(record, reply=reply.plain_text()))
        return reply

    async def _answer(self, key: str, user: _User, text: str, now: datetime) -> tuple[Reply, Interaction]:
        """Settle a waiting confirmation, or parse the DM and carry out (or ask about) its command."""
        pending, user.pending = user.pending, None
        notes: list[str] = []
        if pending is not None:
            if is_yes(text):
                if pending.expires_at <= now:
                    reply = Reply.text(EXPIRED)
                    return reply, Interaction(text, reply.plain_text(), parser="confirmation")
                reply = await self._run(pending.command, key, user, now, pending.language)
                record = Interaction(text, reply.plain_text(), parser="confirmation", command=pending.command)
                return reply, record
            if is_no(text) and pending.expires_at > now:
                reply = Reply.text(phrase("cancelled", pending.language))
                return reply, Interaction(text, reply.plain_text(), parser="confirmation")
            if pending.expires_at > now:
                notes.append(f"(I did not do “{shorten(pending.text, 80)}”: that needed a yes.)")
        history = [turn for at, turn in user.history if now - at <= self._follow_up_window]
        if reviews := review_in_dm(text, shown=len(user.flags_shown.ids)):
            # "#3 is spam" is read like "link <code>": plainly, whichever parser reads the rest, so an
            # answer on a flag never depends on an LLM knowing the flags the bot just listed.
            # Answered in the DM's language ("el #2 era spam" before any list gets Spanish back).
            result = ParseResult(
                reviews[0], parser="rules", confidence=REVIEW_CONFIDENCE, language=detect_language(text)
            )
        else:
            result = await self._parse(text, history)
        command = result.command
        user.history.append((now, Turn(text, command)))
        # One word ("sí", "ok") tells no language: within a follow-up, the conversation's goes on. A
        # longer DM whose language could not be told is answered in English, as the parser words it.
        short = len(text.split()) <= _SHORT_ANSWER
        language = result.language or (user.language if history and short else None)
        user.language = language
        if needs_confirmation(result, text, history, min_confidence=self._min_confidence):
            profile = await self._profile(user, now)
            asked = await question(command, profile, user.api, within=self._confirm_within, language=language)
            reply = Reply.text(asked)
            user.pending = Pending(command, text, now + self._confirm_within, language)
        else:
            reply = await self._run(command, key, user, now, language)
            said = {reply.plain_text()}
            for answer in reviews[1:]:  # "3 scam, 4 fine, 5 scam": every answer, in the order given
                told = (await self._run(answer, key, user, now, language)).plain_text()
                if told not in said:  # "no flags shown yet" once, not once per answer
                    said.add(told)
                    reply = reply.with_notes([told])
        reply = reply.with_notes(notes)
        return reply, Interaction.parsed(text, result, reply)

    async def _run(
        self, command: Command, key: str, user: _User, now: datetime, language: str | None = None
    ) -> Reply:
        """Carry out a linked user's command with their profile (and the DM's language) in the context."""
        try:
            profile = await self._profile(user, now)
        except ApiError as exc:
            return self._explain(exc)
        ctx = self._context(key, user, profile, now, language)
        reply = await self._dispatch(command, ctx, user.api)
        if command.interaction_type == "settings":
            user.profile_at = _LONG_AGO  # the profile changed: read it again next time
        return reply

    async def _dispatch(self, command: Command, ctx: Context, api: StreamerApi) -> Reply:
        """The handler's reply; API refusals and handler bugs become replies too."""
        try:
            return await self.registry.dispatch(command, ctx, api)
        except ApiError as exc:
            return self._explain(exc)
        except Exception:
            log.exception("handler for %s %s failed", command.interaction_type, command.action)
            return Reply.text(SOMETHING_WRONG)

    async def _link_dm(self, key: str, user: _User, text: str, code: str, now: datetime) -> Reply:
        """`link <code>`: handled by the link handler, recorded only when an account is linked."""
        try:
            command = Command(interaction_type="link", code=code)
        except ValueError:
            command = unknown()
        ctx = Context(key, user.profile, now, self.registry, link=partial(self._redeem, key, user, now))
        reply = await self._dispatch(command, ctx, user.api)
        if user.profile is not None:
            record = Interaction(text, reply.plain_text(), parser="link", command=command)
            self._audit.record(user.api, record)
        return reply

    def _context(
        self, key: str, user: _User, profile: UserOut, now: datetime, language: str | None = None
    ) -> Context:
        """What a handler sees of a linked user's turn: profile, flags last shown, language."""
        return Context(
            key,
            profile,
            now,
            self.registry,
            link=partial(self._redeem, key, user, now),
            flags_shown=user.flags_shown,
            language=language,
        )

    async def _redeem(self, key: str, user: _User, now: datetime, code: str) -> UserOut:
        """Link `key` with `code`, then start over with fresh tokens and the linked streamer's profile."""
        profile = await self._auth.link(key, code)
        user.tokens = self._auth.tokens_for(key)
        user.api = StreamerApi(self._client, user.tokens)
        user.profile, user.profile_at = profile, now
        user.history.clear()
        user.pending = None
        user.flags_shown = ShownFlags()  # another account's flags, if any, are not this one's
        return profile

    # -- helpers ----------------------------------------------------------------------------------

    async def _parse(self, text: str, history: list[Turn]) -> ParseResult:
        """The parser's reading, off the event loop (an LLM may take seconds); never raises."""
        try:
            return await asyncio.to_thread(self._parser.parse, text, tuple(history))
        except Exception as exc:
            log.exception("the %s parser failed on a DM", getattr(self._parser, "name", "?"))
            return ParseResult(unknown(), parser=getattr(self._parser, "name", "?"), errors=(repr(exc),))

    async def _profile(self, user: _User, now: datetime) -> UserOut:
        """The streamer's profile: from the token's answer at first, then `GET /api/me` when stale."""
        if user.profile is None and user.tokens.profile is not None:
            user.profile, user.profile_at = user.tokens.profile, now
        if user.profile is None or now - user.profile_at >= self._profile_ttl:
            user.profile, user.profile_at = await user.api.me(), now
        return user.profile

    async def _notices(self, user: _User) -> list[str]:
        """What the product left for the streamer; none when they cannot be fetched."""
        try:
            return await user.api.notices()
        except ApiError as exc:
            log.debug("no notices: %s", exc)
            return []

    def _user(self, key: str) -> _User:
        """This user's state, created on first contact; the least recently seen are forgotten."""
        user = self._users.get(key)
        if user is None:
            tokens = self._auth.tokens_for(key)
            user = self._users[key] = _User(
                tokens, StreamerApi(self._client, tokens), deque(maxlen=self._history_turns)
            )
            while len(self._users) > self._max_users:
                self._users.popitem(last=False)
        self._users.move_to_end(key)
        return user

    @staticmethod
    def _explain(exc: ApiError) -> Reply:
        """An API failure, told to the streamer."""
        if isinstance(exc, NotLinked):
            return Reply.text(NOT_LINKED)
        if isinstance(exc, TokenRejected):
            log.warning("the API refused a fresh token: %s", exc.code)
            return Reply.text(SIGN_IN_FAILED)
        if isinstance(exc, ApiUserError):
            return Reply.text(sentence(exc.message))
        if isinstance(exc, ContractMismatch):
            log.error("%s", exc)  # not the streamer's doing, nor likely to pass on its own: say so loudly
            return Reply.text(NOT_AVAILABLE)
        if isinstance(exc, ApiUnavailable):
            return Reply.text(API_DOWN)
        if isinstance(exc, EndpointMissing):
            log.warning("%s", exc)
            return Reply.text(NOT_AVAILABLE)
        if isinstance(exc, BotSecretRejected):
            log.error("%s", exc)
            return Reply.text(MISCONFIGURED)
        log.error("unexpected API error: %s", exc)
        return Reply.text(SOMETHING_WRONG)
