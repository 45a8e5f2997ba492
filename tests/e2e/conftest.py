"""The end-to-end suite reuses the Twitch fixtures and dpytest's bot, and holds the API to its contract.

The Twitch fixtures: a fake Twitch and the bot's credentials.
"""

from collections.abc import Iterator

import pytest
from flask import Flask

from tests.api.contract_check import check_app, violations
from tests.bot.conftest import make_bot  # noqa: F401  (fixtures, re-exported for this folder)
from tests.twitch.conftest import bot, credentials, fake  # noqa: F401


@pytest.fixture
def app(app: Flask) -> Iterator[Flask]:
    """The real API the night runs on; every answer it gives must be one of its route's models."""
    yield check_app(app)
    assert violations(app) == []
