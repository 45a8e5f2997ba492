"""Webhook delivery against the fake Discord: retries, rate limits, broken webhooks, and a secret token."""

from __future__ import annotations

import logging
import socket
import time
import traceback
from collections.abc import Iterator

import pytest
import requests

from chronicler.domain.scribe import embed_length, render_chart, render_markdown, summarize
from chronicler.scheduler.webhook import (
    DeliveryResult,
    InvalidWebhookURL,
    WebhookClient,
    WebhookError,
    WebhookGone,
    WebhookRejected,
    WebhookUnavailable,
    mask_webhook_url,
    validate_webhook_url,
)
from tests.domain.scribe.ledgers import ledger
from tests.fakes.discord_webhook import FakeDiscordWebhook, Reply

LEDGER_MD = b"# Ledger\r\n\r\nbinary-safe? \x00\xff\r\n--boundary-looking line\r\n"
CHART_PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
TOKEN = "aBcD-ef_" + "x" * 60
REAL_URL = f"https://discord.com/api/webhooks/123456789012345678/{TOKEN}"


@pytest.fixture
def discord() -> Iterator[FakeDiscordWebhook]:
    with FakeDiscordWebhook() as fake:
        yield fake


@pytest.fixture
def waits() -> list[float]:
    return []


@pytest.fixture
def client(waits: list[float]) -> Iterator[WebhookClient]:
    with WebhookClient(allow_insecure_local=True, sleep=waits.append, timeout_s=5) as webhook:
        yield webhook


def _post(client: WebhookClient, url: str, key: str = "s42-1") -> DeliveryResult:
    return client.post(
        url,
        content="Your ledger is ready.",
        embeds=[{"title": "Ledger · #pixel_wren", "description": "4h 00m"}],
        files=[("ledger.md", LEDGER_MD, "text/markdown"), ("chart.png", CHART_PNG, "image/png")],
        idempotency_key=key,
    )


def _everything_said(error: BaseException) -> str:
    return "".join(traceback.format_exception(error)) + repr(error.__dict__)


def test_a_ledger_is_posted_with_its_files_and_key(
    discord: FakeDiscordWebhook, client: WebhookClient, waits: list[float]
) -> None:
    result = _post(client, discord.url)

    [message] = discord.messages
    assert result == DeliveryResult(
        message_id=message.message_id,
        channel_id="1100000000000000001",
        idempotency_key="s42-1",
        requests_sent=1,
        rate_limited=0,
    )
    assert message.query == {"wait": "true"}
    assert message.payload == {
        "content": "Your ledger is ready.",
        "embeds": [
            {"title": "Ledger · #pixel_wren", "description": "4h 00m", "footer": {"text": "ledger #s42-1"}}
        ],
        "allowed_mentions": {"parse": []},
        "attachments": [{"id": 0, "filename": "ledger.md"}, {"id": 1, "filename": "chart.png"}],
    }
    assert message.file("ledger.md").data == LEDGER_MD
    assert message.file("chart.png").data == CHART_PNG
    assert message.file("chart.png").content_type == "image/png"
    assert [f.field for f in message.files] == ["files[0]", "files[1]"]
    assert waits == []


def test_the_key_joins_an_existing_footer_and_the_callers_embeds_are_left_alone(
    discord: FakeDiscordWebhook, client: WebhookClient
) -> None:
    embeds = [{"title": "t", "footer": {"text": "Sanctum Chronicler"}}]

    client.post(discord.url, content=None, embeds=embeds, files=[], idempotency_key="k1")

    assert discord.messages[0].payload["embeds"][0]["footer"] == {"text": "Sanctum Chronicler · ledger #k1"}
    assert "content" not in discord.messages[0].payload
    assert embeds == [{"title": "t", "footer": {"text": "Sanctum Chronicler"}}]


def test_without_embeds_the_key_goes_into_the_content(
    discord: FakeDiscordWebhook, client: WebhookClient
) -> None:
    client.post(discord.url, content="hello", embeds=[], files=[], idempotency_key="k2")

    assert discord.messages[0].payload["content"] == "hello\nledger #k2"


def test_a_429_waits_its_retry_after_without_using_an_attempt(waits: list[float]) -> None:
    with (
        FakeDiscordWebhook() as discord,
        WebhookClient(allow_insecure_local=True, sleep=waits.append, max_attempts=1) as client,
    ):
        discord.script(Reply.rate_limited(0.75), Reply.rate_limited(2.5))

        result = _post(client, discord.url)

    assert waits == [0.75, 2.5]
    assert result.rate_limited == 2 and result.requests_sent == 3
    assert [request.status for request in discord.received] == [429, 429, 200]
    assert len(discord.messages) == 1


def test_rate_limits_past_the_cap_count_as_failures(waits: list[float]) -> None:
    with (
        FakeDiscordWebhook() as discord,
        WebhookClient(
            allow_insecure_local=True, sleep=waits.append, max_attempts=2, max_rate_limit_waits=3
        ) as client,
    ):
        discord.script(*[Reply.rate_limited(0.1)] * 10)

        with pytest.raises(WebhookUnavailable, match="still rate limited") as caught:
            _post(client, discord.url)

    assert caught.value.http_status == 429 and caught.value.retry_after == 0.1
    assert len(discord.received) == 5  # 3 waited out, then 2 failed attempts
    assert discord.messages == []


def test_a_rate_limit_longer_than_we_wait_is_handed_back(
    discord: FakeDiscordWebhook, client: WebhookClient, waits: list[float]
) -> None:
    discord.script(Reply.rate_limited(3600))

    with pytest.raises(WebhookUnavailable, match="rate limited for 3600 s") as caught:
        _post(client, discord.url)

    assert caught.value.retry_after == 3600
    assert waits == []


def test_server_errors_are_retried_with_exponential_backoff(
    discord: FakeDiscordWebhook, client: WebhookClient, waits: list[float]
) -> None:
    discord.script(500, 502, 503)

    result = _post(client, discord.url)

    assert waits == [1.0, 2.0, 4.0]
    assert result.requests_sent == 4
    assert [request.status for request in discord.received] == [500, 502, 503, 200]


def test_backoff_is_capped_and_gives_up_after_max_attempts(waits: list[float]) -> None:
    with (
        FakeDiscordWebhook() as discord,
        WebhookClient(
            allow_insecure_local=True, sleep=waits.append, max_attempts=5, base_delay_s=2, max_delay_s=5
        ) as client,
    ):
        discord.script(*[500] * 5)

        with pytest.raises(WebhookUnavailable, match="after 5 failed attempts; last: HTTP 500") as caught:
            _post(client, discord.url)

    assert waits == [2, 4, 5, 5]
    assert caught.value.http_status == 500
    assert len(discord.received) == 5


@pytest.mark.parametrize("reply", [Reply.gone(), Reply.error(401), Reply.error(403)])
def test_a_gone_webhook_is_not_retried(
    reply: Reply, discord: FakeDiscordWebhook, client: WebhookClient, waits: list[float]
) -> None:
    discord.script(reply)

    with pytest.raises(WebhookGone) as caught:
        _post(client, discord.url)

    assert caught.value.http_status == reply.status
    assert len(discord.received) == 1 and waits == []


def test_a_deleted_webhook_or_a_wrong_token_is_gone(
    discord: FakeDiscordWebhook, client: WebhookClient
) -> None:
    wrong_token = discord.url.rsplit("/", 1)[0] + "/not-the-token"
    with pytest.raises(WebhookGone, match=r"404 \(Unknown Webhook \(code 10015\)\)"):
        _post(client, wrong_token)

    discord.delete()
    with pytest.raises(WebhookGone):
        _post(client, discord.url)


def test_other_webhooks_on_the_fake_work_independently(
    discord: FakeDiscordWebhook, client: WebhookClient
) -> None:
    other = discord.url_for("999888777666555444")
    discord.delete()

    _post(client, other)

    assert [message.webhook_id for message in discord.messages] == ["999888777666555444"]


def test_a_rejected_message_is_not_retried(discord: FakeDiscordWebhook, client: WebhookClient) -> None:
    discord.script(Reply.error(400))

    with pytest.raises(WebhookRejected, match="refused the message with 400"):
        _post(client, discord.url)

    assert len(discord.received) == 1


def test_a_timeout_is_retried_and_may_deliver_twice_with_the_same_key(waits: list[float]) -> None:
    with (
        FakeDiscordWebhook() as discord,
        WebhookClient(allow_insecure_local=True, sleep=waits.append, timeout_s=0.2) as client,
    ):
        discord.script(Reply.slow(0.6))

        result = _post(client, discord.url, key="dup-1")
        deadline = time.monotonic() + 5
        while len(discord.messages) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)  # the slow request is still being answered

    assert result.requests_sent == 2 and waits == [1.0]
    # At-least-once: both copies carry the key, so the duplicate can be recognised.
    footers = [m.payload["embeds"][0]["footer"]["text"] for m in discord.messages]
    assert footers == ["ledger #dup-1", "ledger #dup-1"]


def test_an_unreachable_server_never_leaks_the_token(
    waits: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    url = f"http://127.0.0.1:{port}/api/webhooks/1234/{TOKEN}"
    caplog.set_level(logging.DEBUG, logger="chronicler.scheduler.webhook")

    with (
        WebhookClient(allow_insecure_local=True, sleep=waits.append, max_attempts=3) as client,
        pytest.raises(WebhookUnavailable, match="could not connect to Discord$") as caught,
    ):
        _post(client, url)

    assert waits == [1.0, 2.0]
    assert TOKEN not in _everything_said(caught.value)
    assert "/api/webhooks/1234/***" in str(caught.value)
    assert TOKEN not in caplog.text and "***" in caplog.text


def test_errors_from_discord_never_carry_the_token(
    discord: FakeDiscordWebhook, client: WebhookClient
) -> None:
    for reply, error in ((Reply.gone(), WebhookGone), (Reply.error(400), WebhookRejected)):
        discord.script(reply)
        with pytest.raises(error) as caught:
            _post(client, discord.url)
        assert discord.token not in _everything_said(caught.value)
        assert caught.value.masked_url.endswith("/***")


@pytest.mark.parametrize(
    "url",
    [
        REAL_URL,
        REAL_URL.replace("discord.com", "discordapp.com"),
        REAL_URL.replace("discord.com", "ptb.discord.com"),
        REAL_URL.replace("discord.com", "canary.discord.com"),
        REAL_URL.replace("/api/", "/api/v10/"),
        REAL_URL + "/",
        f"  {REAL_URL}\n",
    ],
)
def test_discord_webhook_urls_are_accepted(url: str) -> None:
    assert validate_webhook_url(url) == url.strip().rstrip("/")


@pytest.mark.parametrize(
    ("url", "why"),
    [
        (REAL_URL.replace("https://", "http://"), "starts with https://"),
        (REAL_URL.replace("discord.com", "discord.com.evil.example"), "host must be discord.com"),
        (REAL_URL.replace("discord.com", "evil.example/discord.com"), "host must be discord.com"),
        (REAL_URL.replace("discord.com", "discord.com:8443"), "host must be discord.com"),
        (REAL_URL.replace("https://", "https://user:pw@"), "no user name or password"),
        (REAL_URL + "?thread_id=1", "expected https://discord.com/api/webhooks/<id>/<token>"),
        (REAL_URL.replace("webhooks", "webhook"), "expected https://discord.com/api/webhooks/<id>/<token>"),
        ("https://discord.com/api/webhooks/123", "expected https://discord.com/api/webhooks/<id>/<token>"),
        ("https://discord.com/api/webhooks/abc/" + TOKEN, "expected"),
        (f"http://127.0.0.1:8080/api/webhooks/1/{TOKEN}", "starts with https://"),
        ("not a url", "starts with https://"),
    ],
)
def test_other_urls_are_refused_with_a_reason_and_no_token(url: str, why: str) -> None:
    with pytest.raises(InvalidWebhookURL, match=why.replace("?", r"\?")) as caught:
        validate_webhook_url(url)

    assert isinstance(caught.value, ValueError)  # a user-input error, fixable by the streamer
    assert TOKEN not in str(caught.value)


def test_local_urls_only_when_allowed() -> None:
    local = f"http://127.0.0.1:8080/api/webhooks/1/{TOKEN}"

    assert validate_webhook_url(local, allow_insecure_local=True) == local
    with pytest.raises(InvalidWebhookURL):
        validate_webhook_url(local.replace("127.0.0.1", "10.0.0.5"), allow_insecure_local=True)
    with pytest.raises(InvalidWebhookURL):
        WebhookClient(sleep=lambda _: None).post(local, content="x", embeds=[], files=[], idempotency_key="k")


def test_mask_webhook_url_hides_every_token() -> None:
    text = f"POST {REAL_URL}?wait=true failed; see '{REAL_URL}'"

    masked = mask_webhook_url(text)

    assert TOKEN not in masked
    assert masked.count("/api/webhooks/123456789012345678/***") == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"idempotency_key": "has space"}, "idempotency_key"),
        ({"idempotency_key": ""}, "idempotency_key"),
        ({"content": "x" * 2001}, "Discord takes 2000"),
        ({"files": [("../etc/passwd", b"", "text/plain")]}, "attachment name"),
        ({"embeds": [{}] * 11}, "at most 10 embeds"),
    ],
)
def test_a_malformed_message_is_refused_before_sending(
    kwargs: dict[str, object], message: str, discord: FakeDiscordWebhook, client: WebhookClient
) -> None:
    arguments = {"content": "x", "embeds": [], "files": [], "idempotency_key": "k"} | kwargs

    with pytest.raises(ValueError, match=message):
        client.post(discord.url, **arguments)

    assert discord.received == []


def test_an_injected_session_is_used_and_left_open(discord: FakeDiscordWebhook) -> None:
    session = requests.Session()
    with WebhookClient(session, allow_insecure_local=True) as client:
        _post(client, discord.url)

    assert discord.messages[0].headers["User-Agent"].startswith("SanctumChronicler")
    session.get(discord.base_url + "/")  # still usable: the client did not close what it was given
    session.close()


def test_a_rendered_ledger_arrives_whole(discord: FakeDiscordWebhook, client: WebhookClient) -> None:
    data = ledger()
    markdown, png = render_markdown(data).encode(), render_chart(data)

    client.post(
        discord.url,
        content=None,
        embeds=[summarize(data, image="chart.png")],
        files=[("ledger.md", markdown, "text/markdown"), ("chart.png", png, "image/png")],
        idempotency_key=f"session-{data.session.id}",
    )

    [message] = discord.messages
    embed = message.payload["embeds"][0]
    assert embed["footer"] == {"text": "ledger #session-42"}
    assert embed["image"] == {"url": "attachment://chart.png"}
    assert embed_length(embed) <= 6000
    assert message.file("ledger.md").data == markdown and message.file("chart.png").data == png


def test_every_webhook_error_is_a_webhook_error() -> None:
    for error in (InvalidWebhookURL, WebhookGone, WebhookRejected, WebhookUnavailable):
        assert issubclass(error, WebhookError)
