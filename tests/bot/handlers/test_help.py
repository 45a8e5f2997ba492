"""Help and not-understood replies."""

from __future__ import annotations

from chronicler.contract.commands import Command, unknown


async def test_help_lists_what_the_bot_can_do(run, registry):
    reply = await run(Command(interaction_type="help"))
    [embed] = reply.embeds
    assert embed.title == "What I can do"
    assert embed.description == registry.help_text()
    assert embed.size() <= 6000 and len(embed.description) <= 4096


async def test_unknown_asks_the_parsers_question_or_points_to_help(run):
    asked = await run(unknown("Which range — today or the last stream? @everyone"))
    assert asked.chunks == (
        "Which range — today or the last stream? @\u200beveryone\n(Say “help” to see everything I can do.)",
    )
    plain = await run(unknown())
    assert plain.chunks == ("I didn't catch that. Say “help” to see what I can do.",)
