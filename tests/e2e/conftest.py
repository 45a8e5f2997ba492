"""The end-to-end suite reuses the Twitch fixtures (a fake Twitch and the bot's credentials) and dpytest's bot."""

from tests.bot.conftest import make_bot  # noqa: F401  (fixtures, re-exported for this folder)
from tests.twitch.conftest import bot, credentials, fake  # noqa: F401
