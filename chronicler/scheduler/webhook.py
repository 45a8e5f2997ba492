"""Posting a ledger to the streamer's Discord webhook: at least once, retried, never leaking the token.

Delivery is at-least-once. Discord has no idempotency header for webhooks, so the idempotency
key travels in the message itself (the first embed's footer reads "ledger #<key>") and the
caller records the delivery; if a request times out after Discord accepted it, the retry posts
a second copy carrying the same key. Every message is sent with mentions disabled, so nothing
in a ledger can ping anyone.

Errors (every message masks the webhook token) are `WebhookError`s with `.masked_url` and
`.http_status` (Discord's answer, if any); where each hangs is drawn in `chronicler.contract.errors`:

- `InvalidWebhookURL` (an InvalidInput, `field` webhook_url, also a ValueError): not a Discord webhook
  URL; the streamer can fix it.
- `WebhookGone` (a NotFound, `field` webhook_url): 404/401/403, the webhook was deleted or the URL is
  wrong; do not retry, mark it broken and tell the streamer.
- `WebhookRejected`: another 4xx (400, 413...): Discord refused this message; do not retry.
- `WebhookUnavailable` (a ServiceUnavailable, so transient): 5xx, timeouts or connection errors on
  every attempt, or a rate limit longer than we wait (`.retry_after`); try again later.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import requests

from chronicler.contract.errors import ChroniclerError, ErrorCode, InvalidInput, NotFound, ServiceUnavailable
from chronicler.domain.webhook_urls import BadWebhookURL, check_webhook_url, mask_webhook_url
from chronicler.runtime.backoff import Backoff

log = logging.getLogger(__name__)


# Discord's own limits on one webhook message.
CONTENT_LIMIT = 2000
MAX_EMBEDS = 10
MAX_FILES = 10

_KEY = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_FILENAME = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


class WebhookError(ChroniclerError):
    """Base of every webhook failure; the message never contains the token."""

    def __init__(self, message: str, *, masked_url: str = "", http_status: int | None = None) -> None:
        super().__init__(message)
        self.masked_url = masked_url
        self.http_status = http_status  # Discord's answer; `status` stays what the API would answer


class InvalidWebhookURL(WebhookError, InvalidInput, ValueError):
    """The URL is not a Discord webhook URL (or not an allowed local one)."""

    code = ErrorCode.INVALID_WEBHOOK_URL

    def __init__(self, message: str, *, masked_url: str = "") -> None:
        super().__init__(message, masked_url=masked_url)
        self.field = "webhook_url"


class WebhookGone(WebhookError, NotFound):
    """The webhook no longer exists or its token is wrong: mark it broken, tell the streamer."""

    def __init__(self, message: str, *, masked_url: str = "", http_status: int | None = None) -> None:
        super().__init__(message, masked_url=masked_url, http_status=http_status)
        self.field = "webhook_url"


class WebhookRejected(WebhookError):
    """Discord refused this particular message; sending it again would fail the same way."""


class WebhookUnavailable(WebhookError, ServiceUnavailable):
    """Discord could not be reached or kept failing; the delivery may succeed later."""

    def __init__(
        self,
        message: str,
        *,
        masked_url: str = "",
        http_status: int | None = None,
        retry_after: float | None = None,
        problem: str | None = None,
    ) -> None:
        super().__init__(message, masked_url=masked_url, http_status=http_status)
        self.retry_after = retry_after
        self.problem = problem or message  # what went wrong, without the URL: for the streamer


@dataclass(frozen=True)
class DeliveryResult:
    """A message Discord accepted."""

    message_id: str | None
    channel_id: str | None
    idempotency_key: str
    requests_sent: int  # HTTP requests made, rate-limited and failed ones included
    rate_limited: int  # 429s waited out


def validate_webhook_url(url: str, *, allow_insecure_local: bool = False) -> str:
    """Return the URL if it is a Discord webhook URL; raise InvalidWebhookURL saying why if not.

    The rule is `core.webhook_urls`'s, shared with the profile check; with `allow_insecure_local`,
    http(s)://127.0.0.1:<port>/api/webhooks/... is accepted too, for tests and local fakes.
    """
    try:
        return check_webhook_url(url, allow_insecure_local=allow_insecure_local)
    except BadWebhookURL as exc:
        raise InvalidWebhookURL(exc.message, masked_url=exc.masked_url) from exc


class WebhookClient:
    """Posts messages with attachments to Discord webhooks, retrying what is worth retrying."""

    def __init__(
        self,
        session: requests.Session | None = None,
        *,
        timeout_s: float = 10,
        max_attempts: int = 5,
        base_delay_s: float = 1.0,
        max_delay_s: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        allow_insecure_local: bool = False,
        max_rate_limit_waits: int = 5,
        max_retry_after_s: float = 300.0,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self._owns_session = session is None
        self._session = session if session is not None else requests.Session()
        self._timeout_s = timeout_s
        self._max_attempts = max_attempts
        self._base_delay_s = base_delay_s
        # No jitter: each webhook has its own rate limit bucket, so there is no herd of clients to spread out.
        self._backoff = Backoff(first=base_delay_s, maximum=max_delay_s)
        self._sleep = sleep
        self._allow_insecure_local = allow_insecure_local
        self._max_rate_limit_waits = max_rate_limit_waits
        self._max_retry_after_s = max_retry_after_s

    def post(
        self,
        url: str,
        *,
        content: str | None,
        embeds: list[dict[str, Any]],
        files: list[tuple[str, bytes, str]],
        idempotency_key: str,
    ) -> DeliveryResult:
        """Post one message (files are (filename, bytes, content type)) and return what Discord made of it.

        A 429 waits its `retry_after` without using up an attempt, up to `max_rate_limit_waits`
        times; 5xx answers and network errors are retried with exponential backoff.
        """
        url = validate_webhook_url(url, allow_insecure_local=self._allow_insecure_local)
        masked = mask_webhook_url(url)
        payload = _payload(content, embeds, files, idempotency_key)
        # Discord reads payload_json only from multipart bodies; without files, plain JSON is the form.
        body: dict[str, Any] = (
            {
                "data": {"payload_json": json.dumps(payload)},
                "files": [(f"files[{n}]", (name, data, kind)) for n, (name, data, kind) in enumerate(files)],
            }
            if files
            else {"json": payload}
        )

        failures = rate_limited = sent = 0
        while True:
            sent += 1
            try:
                response = self._attempt(url, body, masked)
            except WebhookUnavailable as failed:
                # The transient kind: tried again. WebhookGone and WebhookRejected went up at once.
                problem, status, retry_after = str(failed), failed.http_status, failed.retry_after
            else:
                return _delivered(response, idempotency_key, sent, rate_limited)
            if retry_after is not None:  # a 429
                if retry_after > self._max_retry_after_s:
                    raise WebhookUnavailable(
                        f"{masked}: rate limited for {retry_after:.0f} s, longer than we wait",
                        masked_url=masked,
                        http_status=429,
                        retry_after=retry_after,
                        problem=f"Discord asked us to wait {retry_after:.0f} s",
                    )
                rate_limited += 1
                if rate_limited <= self._max_rate_limit_waits:
                    log.info("webhook %s rate limited; waiting %.2f s", masked, retry_after)
                    self._sleep(retry_after)
                    continue
                # Past the cap a 429 counts as a failed attempt, so delivery always comes to an end.
                problem = f"still rate limited after {rate_limited} waits"

            failures += 1
            if failures >= self._max_attempts:
                # With one attempt (the scheduler retries on its own clock) the problem is the message.
                gave_up = f"gave up after {failures} failed attempts; last: " if failures > 1 else ""
                raise WebhookUnavailable(
                    f"{masked}: {gave_up}{problem}",
                    masked_url=masked,
                    http_status=status,
                    retry_after=retry_after,
                    problem=problem,
                )
            delay = retry_after if retry_after is not None else self._backoff.delay(failures)
            log.warning(
                "webhook %s attempt %d failed (%s); retrying in %.1f s", masked, failures, problem, delay
            )
            self._sleep(delay)

    def _attempt(self, url: str, body: dict[str, Any], masked: str) -> requests.Response:
        """One request: Discord's 2xx answer, else the failure as an error (transient or not, by its kind)."""
        try:
            response = self._session.post(
                url,
                params={"wait": "true"},
                timeout=self._timeout_s,
                headers={"User-Agent": "SanctumChronicler (ledger webhook)"},
                **body,
            )
        except requests.RequestException as exc:
            # requests puts the whole URL, token included, in its messages, and urllib3's are three
            # lines long: one sentence goes on, the masked detail only to the debug log, and the
            # exception itself is never chained to what we raise.
            log.debug("webhook %s: %s", masked, mask_webhook_url(f"{type(exc).__name__}: {exc}"))
            raise WebhookUnavailable(_in_a_sentence(exc, self._timeout_s), masked_url=masked) from None
        status = response.status_code
        if 200 <= status < 300:
            return response
        if status == 429:
            raise WebhookUnavailable(
                f"HTTP {status}",
                masked_url=masked,
                http_status=status,
                retry_after=self._retry_after(response),
            )
        _raise_if_final(response, masked)
        raise WebhookUnavailable(f"HTTP {status}", masked_url=masked, http_status=status)

    def close(self) -> None:
        """Close the HTTP session if this client created it."""
        if self._owns_session:
            self._session.close()

    def __enter__(self) -> WebhookClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _retry_after(self, response: requests.Response) -> float:
        """Seconds Discord asked us to wait: the JSON body's float first, then the header."""
        try:
            value = float(response.json()["retry_after"])
        except (ValueError, KeyError, TypeError):
            try:
                value = float(response.headers.get("Retry-After", ""))
            except ValueError:
                return self._base_delay_s
        return max(value, 0.0)


def _payload(
    content: str | None, embeds: Sequence[dict[str, Any]], files: Sequence[tuple[str, bytes, str]], key: str
) -> dict[str, Any]:
    """The payload_json: the message, the key stamped in, mentions off, attachments declared."""
    if not _KEY.match(key):
        raise ValueError("idempotency_key must be 1-64 letters, digits or . _ : -")
    if len(embeds) > MAX_EMBEDS or len(files) > MAX_FILES:
        raise ValueError(f"a webhook message takes at most {MAX_EMBEDS} embeds and {MAX_FILES} files")
    for name, _, _ in files:
        if not _FILENAME.match(name):
            raise ValueError(f"attachment name {name!r} must be letters, digits and . _ - only")
    stamp = f"ledger #{key}"
    stamped = [dict(embed) for embed in embeds]  # copies: the caller's dicts are left as they were
    if stamped:
        footer = dict(stamped[0].get("footer") or {})
        footer["text"] = f"{footer['text']} · {stamp}" if footer.get("text") else stamp
        stamped[0]["footer"] = footer
    else:
        content = f"{content}\n{stamp}" if content else stamp
    if content is not None and len(content) > CONTENT_LIMIT:
        raise ValueError(f"content is {len(content)} characters; Discord takes {CONTENT_LIMIT}")
    payload: dict[str, Any] = {
        "embeds": stamped,
        "allowed_mentions": {"parse": []},
        "attachments": [{"id": n, "filename": name} for n, (name, _, _) in enumerate(files)],
    }
    if content:
        payload["content"] = content
    return payload


def _raise_if_final(response: requests.Response, masked: str) -> None:
    """Raise for the answers that no retry can change: a gone webhook, a refused message."""
    status = response.status_code
    if status in (401, 403, 404):
        raise WebhookGone(
            f"{masked}: Discord answered {status} ({_discord_message(response)}); "
            "the webhook was deleted or the URL is wrong",
            masked_url=masked,
            http_status=status,
        )
    if 400 <= status < 500:
        raise WebhookRejected(
            f"{masked}: Discord refused the message with {status} ({_discord_message(response)})",
            masked_url=masked,
            http_status=status,
        )


def _delivered(response: requests.Response, key: str, sent: int, rate_limited: int) -> DeliveryResult:
    try:
        message = response.json()
    except ValueError:
        message = {}  # a 204 without ?wait=true honoured: delivered, but no message id
    if not isinstance(message, dict):
        message = {}
    return DeliveryResult(
        message_id=_as_str(message.get("id")),
        channel_id=_as_str(message.get("channel_id")),
        idempotency_key=key,
        requests_sent=sent,
        rate_limited=rate_limited,
    )


def _discord_message(response: requests.Response) -> str:
    """Discord's own explanation from an error body, short and token-free."""
    try:
        body = response.json()
        text = f"{body.get('message', '')} (code {body.get('code')})" if isinstance(body, dict) else ""
    except ValueError:
        text = response.text
    return mask_webhook_url(" ".join(text.split())[:200]) or "no detail"


def _as_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _in_a_sentence(exc: requests.RequestException, timeout_s: float) -> str:
    """What went wrong reaching Discord, in words (never the URL: it holds the token)."""
    if isinstance(exc, requests.exceptions.SSLError):
        return "the TLS handshake with Discord failed"
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return f"could not connect to Discord within {timeout_s:g} s"
    if isinstance(exc, requests.exceptions.Timeout):
        return f"Discord did not answer within {timeout_s:g} s"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return "could not connect to Discord"
    return f"the request to Discord failed ({type(exc).__name__})"
