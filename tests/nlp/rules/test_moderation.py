"""Moderation asked of the bot (it flags, it never bans): read as `moderate`, named or not, and never
confused with a setting or with one of our own modes."""

from __future__ import annotations

from tests.nlp.rules.conftest import Parse


def test_a_chatter_removed_from_chat_is_moderation_not_a_setting(parse: Parse) -> None:
    assert parse("please remove the user grumpy_heron from my chat for good") == {
        "interaction_type": "moderate",
        "action": None,
        "username": "grumpy_heron",
    }


def test_a_ban_of_someone_unnamed_is_moderation_without_a_name(parse: Parse) -> None:
    assert parse("time out the sender of that link") == {"interaction_type": "moderate", "action": None}


def test_our_own_bot_described_is_no_chatter_to_ban(parse: Parse) -> None:
    assert parse("mute the bot that talks in chat").get("username") is None
