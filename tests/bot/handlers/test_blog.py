"""Blog ideas: topic, description and how much chat said about it."""

from __future__ import annotations

from chronicler.contract.commands import Command


async def test_blog_seeds_are_listed(run, fake_api):
    fake_api.blog_seeds["pixel_wren"] = [
        {
            "id": 1,
            "session_id": 1,
            "topic": "Dash tech_",
            "description": "Chat kept asking how wavedashes work.",
            "related_count": 42,
            "created_at": "2024-04-29T21:00:00+00:00",
        }
    ]
    [embed] = (await run(Command(interaction_type="blog", action="list", range="week"))).embeds
    assert embed.title == "Blog ideas this week"
    assert embed.fields[0].name == "Dash tech\\_"
    assert embed.fields[0].value == "Chat kept asking how wavedashes work.\n*42 related messages*"


async def test_no_blog_seeds(run):
    reply = await run(Command(interaction_type="blog", action="list", range="all"))
    assert reply.chunks == ("No blog ideas so far — chat did not dwell on one topic long enough.",)
