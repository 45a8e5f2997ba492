"""Flagged messages as an embed: chatter, time, rule and text, shown literally and safely."""

from __future__ import annotations

from chronicler.bot.replies import EMBED_TOTAL
from chronicler.contract.commands import Command

FLAGS_TODAY = Command(interaction_type="flags", action="list", range="today")


def _flag(n: int, **fields: object) -> dict[str, object]:
    flag = {
        "id": n,
        "session_id": 1,
        "message_id": f"m{n}",
        "chatter_login": "spambot9",
        "display_name": "SpamBot9",
        "text": "free nitro at https://nitro-gift.example/claim @everyone",
        "sent_at": "2024-04-30T20:14:00+00:00",
        "rule": "link_spam",
        "score": 0.97,
        "reason": "a link to a look-alike domain",
        "status": "open",
    }
    flag.update(fields)
    return flag


async def test_flags_are_listed_with_chatter_time_rule_and_text(run, fake_api):
    fake_api.flags["pixel_wren"] = [
        _flag(1),
        _flag(
            2, chatter_login="wren_fan", display_name="Wren_Fan", text="**hi** <@123>", rule="caps", reason=""
        ),
    ]
    reply = await run(FLAGS_TODAY, timezone="Europe/Paris")
    assert reply.chunks == ()
    [embed] = reply.embeds
    assert embed.title == "Flagged messages today"
    first, second = embed.fields
    assert first.name == "#1 · 22:14 · SpamBot9 · link\\_spam · to review"
    assert first.value == (
        "> free nitro at hxxps://nitro\\-gift\\[.\\]example/claim @\u200beveryone\n"
        "*a link to a look\\-alike domain*"
    )
    assert second.name == "#2 · 22:14 · Wren\\_Fan · caps · to review"
    assert second.value == "> \\*\\*hi\\*\\* <\u200b@123\\>"
    assert fake_api.calls("GET", "/api/flags")[0].query == {"range": "today", "limit": "15"}


async def test_how_to_answer_names_a_flag_the_list_has(run, fake_api):
    fake_api.flags["pixel_wren"] = [_flag(1)]
    [embed] = (await run(FLAGS_TODAY)).embeds
    assert embed.footer == "newest first; say “#1 is spam” or “#1 is fine”"
    fake_api.flags["pixel_wren"] = [_flag(1), _flag(2), _flag(3)]
    [embed] = (await run(FLAGS_TODAY)).embeds
    assert (embed.footer or "").endswith("say “#2 is spam” or “#2 is fine”")


async def test_the_chatters_login_is_shown_when_the_display_name_differs(run, fake_api):
    fake_api.flags["pixel_wren"] = [_flag(1, display_name="ナイトロ", chatter_login="nitro_jp")]
    [embed] = (await run(FLAGS_TODAY)).embeds
    assert embed.fields[0].name.startswith("#1 · 20:14 · ナイトロ (nitro\\_jp)")


async def test_no_range_lets_the_api_choose_and_names_the_one_it_used(run, fake_api):
    reply = await run(Command(interaction_type="flags", action="list"))
    assert reply.chunks == ("Nothing flagged in the last session.",)
    assert "range" not in fake_api.calls("GET", "/api/flags")[0].query


async def test_flags_of_one_chatter(run, fake_api):
    fake_api.flags["pixel_wren"] = [_flag(1)]
    reply = await run(Command(interaction_type="flags", action="list", username="wren_fan", range="week"))
    assert reply.chunks == ("Nothing flagged from wren\\_fan this week.",)
    assert fake_api.calls("GET", "/api/flags")[0].query["username"] == "wren_fan"


async def test_many_long_flags_fit_one_embed_and_say_there_are_more(run, fake_api):
    fake_api.flags["pixel_wren"] = [_flag(n, text="spam " * 200) for n in range(40)]
    [embed] = (await run(FLAGS_TODAY)).embeds
    assert embed.size() <= EMBED_TOTAL
    assert len(embed.fields) == 15
    assert "ask for a shorter range or one chatter" in (embed.footer or "")
    assert all(len(field.value) < 400 for field in embed.fields)
