"""Every package's errors hang in the one tree of `chronicler.contract.errors`, under the kind they are."""

from __future__ import annotations

import pytest

from chronicler.cli.demo import DemoFailed
from chronicler.config.settings import SettingsError
from chronicler.contract.errors import (
    ChroniclerError,
    InvalidInput,
    NotFound,
    ServiceUnavailable,
    UserError,
)
from chronicler.domain.scribe import LedgerError
from chronicler.domain.warden import BadLineError, ConfigError, WardenError
from chronicler.nlp.llm import (
    FormatUnsupported,
    LLMBadOutput,
    LLMError,
    LLMRefused,
    LLMTimeout,
    LLMUnavailable,
)
from chronicler.runtime.backoff import is_transient
from chronicler.scheduler.webhook import (
    InvalidWebhookURL,
    WebhookError,
    WebhookGone,
    WebhookRejected,
    WebhookUnavailable,
)
from chronicler.store import UniqueViolation
from chronicler.twitch._errors import (
    InvalidChatMessage,
    MalformedEvent,
    SubscriptionRevoked,
    TwitchAuthError,
    TwitchError,
    TwitchRequestRejected,
    TwitchUnavailable,
    UnknownChannel,
)


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (SettingsError, InvalidInput),
        (ConfigError, InvalidInput),
        (BadLineError, InvalidInput),
        (InvalidWebhookURL, InvalidInput),
        (InvalidChatMessage, InvalidInput),
        (UnknownChannel, NotFound),
        (WebhookGone, NotFound),
        (TwitchAuthError, UserError),
        (LLMUnavailable, ServiceUnavailable),
        (LLMTimeout, ServiceUnavailable),
        (TwitchUnavailable, ServiceUnavailable),
        (WebhookUnavailable, ServiceUnavailable),
        (WardenError, ChroniclerError),
        (LLMError, ChroniclerError),
        (TwitchError, ChroniclerError),
        (WebhookError, ChroniclerError),
        (LedgerError, ChroniclerError),
        (UniqueViolation, ChroniclerError),
        (DemoFailed, ChroniclerError),
    ],
)
def test_each_error_is_its_kind(error: type[Exception], kind: type[ChroniclerError]) -> None:
    assert issubclass(error, kind)


def test_internal_failures_are_neither_the_user_s_nor_transient() -> None:
    internal = (
        FormatUnsupported("HTTP 400: response_format"),
        LLMRefused("no"),
        LLMBadOutput("no JSON"),
        LedgerError("ledger.format: expected 'ledger'"),
        UniqueViolation("users_username_key"),
        DemoFailed("the session did not start"),
        TwitchRequestRejected("Twitch refused (HTTP 400)", http_status=400),
        SubscriptionRevoked("channel.chat.message", "authorization_revoked"),
        MalformedEvent("EventSub frame without metadata"),
        WebhookRejected("Discord refused the message with 400"),
    )
    for error in internal:
        assert not isinstance(error, UserError | ServiceUnavailable), error
        assert not is_transient(error) and error.status == 500, error


def test_only_outages_are_transient() -> None:
    assert is_transient(LLMTimeout("no answer within 8 s"))
    assert is_transient(TwitchUnavailable("could not reach Twitch"))
    assert is_transient(WebhookUnavailable("HTTP 502", http_status=502))
    assert not is_transient(WebhookGone("404", http_status=404))
    assert not is_transient(ConfigError("blocked term '*' is empty", field="blocked_terms"))


def test_an_upstream_status_never_becomes_the_api_status() -> None:
    """Discord's or Helix's HTTP answer is `http_status`; `status` stays the kind's, as the API maps it."""
    limited = WebhookUnavailable("rate limited", http_status=429)
    assert (limited.status, limited.http_status) == (503, 429)
    assert WebhookGone("gone", http_status=401).status == 404
    assert TwitchRequestRejected("refused", http_status=422).status == 500


def test_the_errors_that_name_an_input_carry_its_field() -> None:
    assert UnknownChannel("nobody_here").field == "channel"
    assert WebhookGone("gone", http_status=404).field == "webhook_url"
    invalid = InvalidWebhookURL("not a URL", masked_url="x")
    assert (invalid.field, invalid.code, invalid.status) == ("webhook_url", "invalid_webhook_url", 400)
