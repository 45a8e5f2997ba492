"""Issue 17's commands as DMs, end to end: dpytest → discord.py client → a phrasebook parser (which, like
the built-in parser will, says which language a DM was in) → the real API → PostgreSQL."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
import requests

from chronicler.accounts import Accounts
from chronicler.contract.commands import Command
from chronicler.nlp.result import ParseResult
from tests.bot.fake_parser import PHRASES, PhraseParser
from tests.conftest import BOT_SECRET

WEBHOOK = "https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz"
STOP = Command(interaction_type="session", action="stop")


def _in(language: str, command: Command, confidence: float | None = None) -> ParseResult:
    return ParseResult(command, parser="phrases", confidence=confidence, language=language)


PHRASEBOOK: dict[str, Command | ParseResult] = {
    **PHRASES,
    "what did i miss?": Command(interaction_type="session", action="recap"),
    "how long have i been live?": Command(interaction_type="session", action="status"),
    "mute the steward for tonight": Command(
        interaction_type="mode", action="disable", mode="steward", scope="tonight"
    ),
    "turn off the hearthkeeper": Command(interaction_type="mode", action="disable", mode="hearthkeeper"),
    "remove my webhook": Command(interaction_type="settings", action="remove_webhook"),
    "my time zone is europe/berlin": Command(
        interaction_type="settings", action="set_timezone", timezone="Europe/Berlin"
    ),
    "my time zone is mars/olympus": Command(
        interaction_type="settings", action="set_timezone", timezone="Mars/Olympus"
    ),
    "timeout spambot9": Command(interaction_type="moderate", username="spambot9"),
    "para ya, creo": _in("es", STOP, confidence=0.4),
    "¿qué tal va el chat?": _in("es", Command(interaction_type="session", action="recap")),
    "¿cuánto llevo en directo?": _in("es", Command(interaction_type="session", action="status")),
    "banea a spambot9": _in("es", Command(interaction_type="moderate", username="spambot9")),
    "blablá": _in("es", Command(interaction_type="unknown")),
}


@pytest.fixture
def api_url(live_api: str) -> str:
    """The real API instead of the fake."""
    return live_api


@pytest.fixture
def bot_secret() -> str:
    return BOT_SECRET


@pytest.fixture
def parser() -> PhraseParser:
    return PhraseParser(phrases=PHRASEBOOK)


@pytest.fixture
def streamer(accounts: Accounts) -> int:
    return accounts.register("pixel_wren", "correct horse", twitch_channel="pixel_wren").id


@pytest.fixture
def link_code(accounts: Accounts, streamer: int) -> str:
    return accounts.create_link_code(streamer)[0]


@pytest.fixture
async def linked_dm(dm, link_code):
    await dm.say(f"link {link_code}")
    return dm


def _inject(api_url: str, accounts: Accounts, user_id: int, username: str, text: str, **extra) -> None:
    token, _ = accounts.access.issue(user_id)
    response = requests.post(
        f"{api_url}/api/sessions/current/messages",
        timeout=10,
        headers={"Authorization": f"Bearer {token}"},
        json={"username": username, "text": text, **extra},
    )
    assert response.status_code == 201, response.text


def _embed_text(message) -> str:
    embed = message.embeds[0]
    return " ".join([embed.title or "", *(f"{f.name} {f.value}" for f in embed.fields)])


async def test_what_did_i_miss_and_how_long_have_i_been_live(linked_dm, api_url, accounts, streamer):
    [none] = await linked_dm.say("what did I miss?")
    assert none.content == "I'm not chronicling right now, so there's nothing to catch up on."
    await linked_dm.say("start chronicling")
    for n in range(3):
        _inject(api_url, accounts, streamer, "wren_fan", f"that jump {n}")
    _inject(
        api_url,
        accounts,
        streamer,
        "streamboo_seller",
        "Wanna become famous? Buy followers, primes and viewers on streamboo .com",
        first_message=True,
    )
    [recap] = await linked_dm.say("what did I miss?")
    shown = _embed_text(recap)
    assert recap.embeds[0].title.startswith("#pixel_wren so far (")
    assert "Messages 4" in shown and "wren\\_fan (3)" in shown
    assert "1 flag, 1 still to review" in shown and "0 clip candidates" in shown
    [live] = await linked_dm.say("how long have I been live?")
    assert live.content.startswith("Chronicling #pixel_wren since ") and " — live for " in live.content
    await linked_dm.say("stop chronicling")
    [after] = await linked_dm.say("what did I miss?")
    assert after.content.startswith("I'm not chronicling right now, so there's nothing to catch up on. ")
    assert "Your last stream (#pixel_wren, " in after.content and "“show the ledger”" in after.content


async def test_the_steward_off_for_tonight_and_the_hearthkeeper_for_good(linked_dm, db, streamer):
    await linked_dm.say("start chronicling")
    [tonight] = await linked_dm.say("mute the steward for tonight")
    assert tonight.content == "The Steward is off for tonight; it'll be back next stream."
    [row] = db.select("session_mode_overrides")
    assert row["mode"] == "steward" and row["enabled"] is False
    assert db.select_one("mode_settings", {"user_id": streamer, "mode": "steward"}) is None  # saved: on
    [always] = await linked_dm.say("turn off the hearthkeeper")
    assert always.content == "The Hearthkeeper is off from now on (tonight's stream included)."
    saved = db.select_one("mode_settings", {"user_id": streamer, "mode": "hearthkeeper"})
    assert saved["enabled"] is False


async def test_removing_the_webhook_asks_first(linked_dm, db, accounts, streamer):
    accounts.update_profile(streamer, {"webhook_url": WEBHOOK})
    [question] = await linked_dm.say("remove my webhook")
    assert question.content.startswith("Remove your ledger webhook (ledgers then go to the exports folder)?")
    assert db.fetch_value("SELECT webhook_url FROM users") == WEBHOOK
    [done] = await linked_dm.say("yes")
    assert done.content.startswith("Removed your ledger webhook.")
    assert db.fetch_value("SELECT webhook_url FROM users") is None
    await linked_dm.say("remove my webhook")
    [nothing] = await linked_dm.say("yes")
    assert nothing.content.startswith("You have no ledger webhook set")


async def test_the_time_zone_is_set_and_used(linked_dm, db):
    [unknown] = await linked_dm.say("my time zone is Mars/Olympus")
    assert unknown.content.startswith("I don't know the time zone “Mars/Olympus”.")
    assert db.fetch_value("SELECT timezone FROM users") == "UTC"
    [done] = await linked_dm.say("my time zone is Europe/Berlin")
    assert done.content.startswith("Your time zone is now Europe/Berlin (it's ")
    assert db.fetch_value("SELECT timezone FROM users") == "Europe/Berlin"
    await linked_dm.say("start chronicling")
    started = db.fetch_value("SELECT started_at FROM stream_sessions")
    berlin, utc = started.astimezone(ZoneInfo("Europe/Berlin")), started.astimezone(ZoneInfo("UTC"))
    [status] = await linked_dm.say("how long have I been live?")  # the profile was read again
    assert f"{berlin:%H:%M} — live for" in status.content and f"{utc:%H:%M} — " not in status.content


async def test_timeout_and_ban_are_answered_not_done(linked_dm, db, api_url):
    [reply] = await linked_dm.say("timeout spambot9")
    assert reply.content.startswith("I can't time out or ban anyone (spambot9)")
    assert "/timeout spambot9" in reply.content and "/ban spambot9" in reply.content
    assert "show today's flagged messages" in reply.content
    [spanish] = await linked_dm.say("banea a spambot9")
    assert spanish.content.startswith("No puedo expulsar ni banear a nadie (spambot9)")


async def test_replies_in_the_streamers_language(linked_dm, db, api_url, accounts, streamer):
    [none] = await linked_dm.say("¿qué tal va el chat?")
    assert none.content == "No estoy registrando ahora, así que no hay nada que ponerte al día."
    [didnt] = await linked_dm.say("blablá")
    assert didnt.content == "No lo he entendido. Di “help” para ver lo que puedo hacer."
    await linked_dm.say("start chronicling")
    _inject(api_url, accounts, streamer, "wren_fan", "hola")
    [live] = await linked_dm.say("¿cuánto llevo en directo?")
    assert live.content.startswith("Registrando #pixel_wren desde las ")
    assert "en directo desde hace" in live.content and "1 mensaje hasta ahora" in live.content
    [question] = await linked_dm.say("para ya, creo")  # unsure: asked first, in Spanish
    assert question.content.startswith("¿Dejo de registrar #pixel_wren? Responde **sí** en 2 min")
    [stopped] = await linked_dm.say("sí")
    assert stopped.content.startswith("Dejé de registrar #pixel_wren: ")
    assert "El Scribe está escribiendo el ledger" in stopped.content
    assert db.fetch_value("SELECT status FROM stream_sessions") == "ended"
