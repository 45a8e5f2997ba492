"""Help and not-understood replies."""

from __future__ import annotations

from typing import get_args

from chronicler.contract.commands import Command, HelpTopic, unknown


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


async def test_help_on_one_thing_says_what_it_is_and_points_to_the_rest(run):
    reply = await run(Command(interaction_type="help", topic="warden"))
    assert reply.embeds == ()
    assert reply.chunks == (
        "The warden sets aside chat messages that look like spam or scams for you to review. "
        "It never deletes anything or bans anyone. Say 'help' for what I can do.",
    )


async def test_every_topic_has_its_sentence(run):
    for topic in get_args(HelpTopic):
        [said] = (await run(Command(interaction_type="help", topic=topic))).chunks
        assert said.endswith("Say 'help' for what I can do.") and len(said) < 400


async def test_help_on_one_thing_is_said_in_the_dms_language(run):
    for topic in get_args(HelpTopic):
        for language in ("es", "fr", "de", "pt"):
            [said] = (await run(Command(interaction_type="help", topic=topic), language=language)).chunks
            [english] = (await run(Command(interaction_type="help", topic=topic))).chunks
            assert said != english and len(said) < 400
    [german] = (await run(Command(interaction_type="help", topic="warden"), language="de")).chunks
    assert german.startswith("Der Warden") and german.endswith("um zu sehen, was ich kann.")
