"""Chat numbers as an embed."""

from __future__ import annotations

from chronicler.contract.commands import Command

WEEK = Command(interaction_type="stats", action="show", range="week")


async def test_stats_show_the_numbers_and_the_most_talkative(run, fake_api):
    fake_api.stats["pixel_wren"] = {
        "messages": 12345,
        "chatters": 678,
        "new_chatters": 90,
        "peak_per_minute": 311,
        "mean_per_minute": 41.25,
        "top_chatters": [{"login": f"fan_{n}", "messages": 500 - n} for n in range(8)],
    }
    [embed] = (await run(WEEK)).embeds
    assert embed.title == "Chat this week"
    values = {field.name: field.value for field in embed.fields}
    assert values["Messages"] == "12,345" and values["Chatters"] == "678" and values["New chatters"] == "90"
    assert values["Busiest minute"] == "311 messages" and values["Per minute"] == "41.2 on average"
    assert values["Most talkative"].splitlines() == [f"{n + 1}. fan\\_{n} — {500 - n}" for n in range(5)]


async def test_no_chat_no_numbers(run):
    assert (await run(WEEK)).chunks == ("No chat this week, so no numbers yet.",)
