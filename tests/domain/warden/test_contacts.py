"""The Discord follow scam: contact handles, pushes to move to Discord, the "big streamer" pitch.

Every example is invented for these tests, in the shapes such scams take.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from chronicler.domain.warden import Verdict, Warden, WardenConfig
from tests.domain.warden.helpers import make_message

Check = Callable[..., Verdict]


@pytest.mark.parametrize(
    "text",
    [
        "discord: quietfox_12",
        "Discord 👉 moonlit.owl42",
        "my discord is stormy_rainbow9",
        "my DC is wildcat_21",
        "I'm gamer_kid91 on discord",
        "cool stream (discord: ember_fox_3)",
        "add me on discord lunarbeam_12",
        "discord handle: sunset_44 add me",
    ],
)
def test_a_login_shaped_handle_after_discord_flags_on_its_own(check: Check, text: str) -> None:
    verdict = check(text)
    assert verdict.flagged, text
    assert verdict.rule in ("contact_handle", "discord_scam")


@pytest.mark.parametrize(
    "text",
    [
        "add me on discord",
        "hit me up on discord",
        "dm me on discord",
        "mind adding me on discord?",
        "add my discord",
        "connect with me on discord",
    ],
)
def test_asking_to_be_added_on_discord_flags_on_its_own(check: Check, text: str) -> None:
    verdict = check(text)
    assert verdict.flagged and verdict.rule == "discord_scam"


@pytest.mark.parametrize(
    "text",
    [
        "discord: brightfox",  # a plain word where a handle would be
        "my discord is brightfox",
        "nice run! discord: brightfox",
    ],
)
def test_weak_contact_signs_need_a_first_message_or_each_other(text: str) -> None:
    rules = Warden(model=None)  # the rules alone: the learned model may add its own word
    assert not rules.check(make_message(text)).flagged
    verdict = rules.check(make_message(text, first_message=True))
    assert verdict.flagged
    assert verdict.reason is not None and "first message in the channel" in verdict.reason


def test_a_push_and_a_plain_word_handle_together_flag(check: Check) -> None:
    assert check("let's connect on discord, my username is brightfox").flagged


def test_an_invitation_to_talk_on_discord_alone_is_not_enough_for_the_rules() -> None:
    rules = Warden(model=None)
    for text in ("let's connect on discord", "we play on discord most nights"):
        assert not rules.check(make_message(text)).flagged
        assert not rules.check(make_message(text, first_message=True)).flagged


@pytest.mark.parametrize(
    "text",
    [
        "I can connect you with a big streamer who has thousands of viewers",
        "I can link you up with a top twitch streamer",
        "add him on discord and say hi",
        "tell him Rosa sent you",
        "he helps small streamers grow their channels",
    ],
)
def test_the_big_streamer_pitch_flags(check: Check, text: str) -> None:
    verdict = check(text)
    assert verdict.flagged and verdict.rule == "follow_scam", verdict


def test_just_followed_is_only_a_weak_sign(check: Check) -> None:
    assert not check("I dropped a follow, love the stream", first_message=True).flagged
    verdict = Warden(model=None).check(
        make_message("I dropped a follow, love the stream. my discord is brightfox")
    )
    assert verdict.flagged and verdict.reason is not None
    assert "says they just followed" in verdict.reason


@pytest.mark.parametrize(
    "text",
    [
        "do you have a discord?",
        "join the discord, link is in the panels below",
        "discord link in panels?",
        "is the discord down for anyone else",
        "we talked about it on discord last night",
        "i'm always on discord lol",
        "the discord: dead since tuesday",
        "my discord is broken again KEKW",
        "what's your discord server called?",
        "the discord mods are great",
        "I'm at 8pm on discord usually",
        "tell him i said hi",
        "connect the blue wire to the red one",
    ],
)
def test_talk_about_discord_is_not_a_scam(check: Check, text: str) -> None:
    assert not check(text).flagged
    assert not check(text, first_message=True).flagged


def test_the_streamers_own_discord_invite_is_fine() -> None:
    warden = Warden(WardenConfig(allowed_domains=("discord.gg/wrenscastle",)))
    message = make_message("join us at discord.gg/wrenscastle", first_message=True)
    assert not warden.check(message).flagged
    other = make_message("join us at discord.gg/someoneelse", first_message=True)
    assert warden.check(other).flagged


def test_a_newcomers_contact_weighs_more_than_a_regulars() -> None:
    rules = Warden(model=None)
    text = "nice run! discord: brightfox"
    assert not rules.check(make_message(text)).flagged
    assert rules.check(make_message(text, first_message=True)).score > 0.7


@pytest.mark.parametrize(
    "text",
    [
        "telegram: @coinwizard_7",
        "whatsapp: plusfive_22",
        "snap: cutie_bee99",
    ],
)
def test_other_chat_app_handles_count_in_a_first_message(text: str) -> None:
    rules = Warden(model=None)
    assert not rules.check(make_message(text)).flagged
    verdict = rules.check(make_message(text, first_message=True))
    assert verdict.flagged and verdict.rule == "contact_handle"
