"""The end-to-end suite reuses the Twitch fixtures and dpytest's bot.

The Twitch fixtures: a fake Twitch and the bot's credentials.
"""

from tests.bot.conftest import make_bot  # noqa: F401  (fixtures, re-exported for this folder)
from tests.twitch.conftest import bot, credentials, fake  # noqa: F401
