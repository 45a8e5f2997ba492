"""Discord webhook URLs: the one rule for what the product accepts, and masking their secret token.

A webhook URL is a credential (its last part is a token), so it is checked before it is stored and
masked wherever it is shown or logged.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from chronicler.contract.errors import ErrorCode, InvalidInput

DISCORD_HOSTS: frozenset[str] = frozenset(
    {
        "discord.com",
        "ptb.discord.com",
        "canary.discord.com",
        "discordapp.com",
        "ptb.discordapp.com",
        "canary.discordapp.com",
    }
)
LOCAL_HOSTS: frozenset[str] = frozenset({"127.0.0.1", "localhost", "::1"})

_PATH = re.compile(r"^/api(?:/v\d+)?/webhooks/(?P<id>\d{1,20})/(?P<token>[A-Za-z0-9_-]{1,100})/?$")
_TOKEN_IN_TEXT = re.compile(r"(/webhooks/\d+/)[^/?#\s'\"]+")
_MASK = "***"


class BadWebhookURL(InvalidInput):
    """Not a Discord webhook URL (or not an allowed local one); `masked_url` is safe to show."""

    def __init__(self, message: str, *, masked_url: str) -> None:
        super().__init__(message, field="webhook_url", code=ErrorCode.INVALID_WEBHOOK_URL)
        self.masked_url = masked_url


def check_webhook_url(url: str, *, allow_insecure_local: bool = False) -> str:
    """Return the URL if it is a Discord webhook URL; raise BadWebhookURL saying why if not.

    With `allow_insecure_local`, http(s)://127.0.0.1:<port>/api/webhooks/... is accepted too,
    for tests and local fakes.
    """
    url = url.strip()
    masked = _shown(url)
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        raise BadWebhookURL(f"{masked} is not a URL", masked_url=masked) from None
    local = allow_insecure_local and host in LOCAL_HOSTS and parts.scheme in ("http", "https")
    if not local:
        if parts.scheme != "https":
            raise BadWebhookURL(f"{masked}: a Discord webhook URL starts with https://", masked_url=masked)
        if host not in DISCORD_HOSTS or port not in (None, 443):
            raise BadWebhookURL(
                f"{masked}: the host must be discord.com (or discordapp.com, ptb., canary.)",
                masked_url=masked,
            )
    if parts.username or parts.password:
        raise BadWebhookURL(f"{masked}: a webhook URL has no user name or password", masked_url=masked)
    if parts.query or parts.fragment or not _PATH.match(parts.path):
        raise BadWebhookURL(
            f"{masked}: expected https://discord.com/api/webhooks/<id>/<token>, "
            "as Discord's 'Copy Webhook URL' gives it",
            masked_url=masked,
        )
    return url.rstrip("/")


def mask_webhook_url(text: str) -> str:
    """Replace every webhook token in `text` (a URL, an error message) with ***."""
    return _TOKEN_IN_TEXT.sub(rf"\g<1>{_MASK}", text)


def _shown(url: str) -> str:
    """The URL as error messages may show it: token masked, or the path hidden if none is recognised."""
    if _TOKEN_IN_TEXT.search(url):
        return mask_webhook_url(url)
    # An unrecognised path may still hold a token (a typo in "webhooks"); show only where it points.
    scheme, _, rest = url.partition("://")
    host = rest.split("/", 1)[0].rsplit("@", 1)[-1]
    return f"{scheme}://{host}/…" if rest else "that URL"
