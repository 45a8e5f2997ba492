"""Issue 17's handlers on the fake API: recap, webhook removal, time zone, moderation, languages."""

from __future__ import annotations

from chronicler.bot.languages import TEMPLATES, phrase
from chronicler.contract.commands import LANGUAGES, Command

RECAP = Command(interaction_type="session", action="recap")


def _recap(**overrides):
    recap = {
        "messages": 1234,
        "chatters": 56,
        "new_chatters": 7,
        "peak_per_minute": 40,
        "top_chatters": [{"login": "wren_fan", "messages": 120}, {"login": "lurker_two", "messages": 80}],
        "flags": 3,
        "flags_open": 2,
        "clip_candidates": 4,
        "latest_clips": [
            {
                "id": 9,
                "session_id": 1,
                "score": 0.9,
                "reason": "chat spiked 6x",
                "samples": ["POGGERS"],
                "offset_seconds": 3723,
                "start": "2024-04-30T19:45:00+00:00",
                "end": "2024-04-30T19:46:00+00:00",
            }
        ],
        "steward_replies": 2,
        "hearthkeeper_prompts": 0,
    }
    return {**recap, **overrides}


async def test_the_recap_of_a_live_stream(run, fake_api):
    fake_api.add_session(
        status="active", started_at="2024-04-30T18:28:00+00:00", ended_at=None, duration_seconds=5700
    )
    fake_api.recaps["pixel_wren"] = _recap()
    reply = await run(RECAP)
    [embed] = reply.embeds
    assert embed.title == "#pixel_wren so far (1 h 35 min)"
    shown = embed.plain_text()
    assert "Messages: 1,234" in shown and "Chatters: 56 (7 new)" in shown
    assert "wren\\_fan (120), lurker\\_two (80)" in shown
    assert "3 flags, 2 still to review" in shown
    assert "4 clip candidates" in shown and "19:45 (1:02:03): chat spiked 6x" in shown
    assert "The Steward answered 2 times." in shown and "Hearthkeeper" not in shown


async def test_no_recap_without_a_stream_offers_the_last_ledger(run, fake_api):
    reply = await run(RECAP)
    assert reply.chunks == ("I'm not chronicling right now, so there's nothing to catch up on.",)
    fake_api.add_session()
    reply = await run(RECAP)
    assert reply.chunks[0].endswith(
        "Your last stream (#pixel_wren, 29 Apr 20:03–29 Apr 23:10 (3 h 07 min), 12,345 messages) "
        "has its ledger: say “show the ledger”."
    )


async def test_removing_the_webhook(run, fake_api):
    fake_api.users["pixel_wren"].webhook_url = "https://discord.com/api/webhooks/1/secret"
    reply = await run(Command(interaction_type="settings", action="remove_webhook"))
    assert reply.chunks[0].startswith("Removed your ledger webhook. Ledgers go to the exports folder now")
    assert fake_api.calls("PATCH", "/api/me")[0].body == {"webhook_url": None}
    assert fake_api.users["pixel_wren"].webhook_url is None
    again = await run(Command(interaction_type="settings", action="remove_webhook"))
    assert again.chunks[0].startswith("You have no ledger webhook set")
    assert len(fake_api.calls("PATCH", "/api/me")) == 1


async def test_setting_the_time_zone(run, fake_api):
    command = Command(interaction_type="settings", action="set_timezone", timezone="America/Toronto")
    reply = await run(command)
    # The clock says 20:03 UTC on 30 April: 16:03 in Toronto (EDT).
    assert reply.chunks[0].startswith("Your time zone is now America/Toronto (it's 16:03 there).")
    assert fake_api.calls("PATCH", "/api/me")[0].body == {"timezone": "America/Toronto"}


async def test_timeout_and_ban_call_no_api(run, fake_api):
    reply = await run(Command(interaction_type="moderate", username="spambot9"))
    assert "I can't time out or ban anyone (spambot9)" in reply.chunks[0]
    assert "/timeout spambot9" in reply.chunks[0] and "/ban spambot9" in reply.chunks[0]
    plain = await run(Command(interaction_type="moderate"))
    assert "/timeout or /ban" in plain.chunks[0]
    assert fake_api.received == []


async def test_list_titles_in_the_streamers_language(run, fake_api):
    nothing = await run(Command(interaction_type="flags", action="list", range="today"), language="fr")
    assert nothing.chunks == ("Rien de signalé (aujourd'hui).",)
    clips = await run(Command(interaction_type="clips", action="list", range="week"), language="de")
    assert clips.chunks == ("Keine Clip-Kandidaten (diese Woche).",)
    english = await run(Command(interaction_type="clips", action="list", range="week"), language="xx")
    assert english.chunks == ("No clip candidates this week.",)


def test_every_template_has_english_and_only_languages_the_bot_speaks():
    for key, table in TEMPLATES.items():
        assert "en" in table, key
        assert set(table) <= set(LANGUAGES), key


def test_a_missing_translation_falls_back_to_english():
    assert phrase("mode_tonight_as_saved", "pt", mode="Steward", state="off").startswith("The Steward is off")
    assert phrase("not_understood", "pt").startswith("Não entendi.")


def test_the_help_lists_the_new_commands(registry):
    text = registry.help_text()
    for example in (
        "what did I miss?",
        "how long have I been live?",
        "mute the steward for tonight",
        "remove my webhook",
        "my time zone is Europe/Berlin",
        "timeout spambot9",
    ):
        assert f"“{example}”" in text, example
