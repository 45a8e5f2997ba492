"""Twitch's own notices in a chat export are told from what chatters write."""

from __future__ import annotations

import pytest

from chronicler.domain.notices import raiders, twitch_notice


@pytest.mark.parametrize(
    "line",
    [
        "38 raiders from Cozy_Lantern have joined!",
        "1 raider from cozy_lantern has joined!",
        "1,204 raiders from Grand_Hall have joined! ",
    ],
)
def test_a_raid_notice_is_a_raid(line: str) -> None:
    assert twitch_notice(line) == "raid"


@pytest.mark.parametrize(
    "line",
    [
        "Pixel_Wren subscribed at Tier 1. ",
        "Pixel_Wren subscribed at Tier 2. They've subscribed for 12 months! love the cozy streams",
        "Night_Owl subscribed with Prime. They've subscribed for 3 months!",
        "Pixel_Wren is gifting 5 Tier 1 Subs to Cozy_Lantern's community! They've gifted a total of 9!",
        "Pixel_Wren gifted a Tier 1 sub to Night_Owl! ",
        "An anonymous user gifted a Tier 1 sub to Night_Owl! ",
        "Night_Owl converted from a Prime sub to a Tier 1 sub!",
        "Night_Owl is continuing the Gift Sub they got from Pixel_Wren!",
    ],
)
def test_subscriptions_and_gifts_are_notices(line: str) -> None:
    assert twitch_notice(line) == "subscription"


@pytest.mark.parametrize(
    "line",
    [
        "raiders from the north have joined the fight LUL",
        "the raid boss has 38 raiders from our guild who have joined",
        "I subscribed at tier 1 yesterday",
        "just subscribed!! love this channel",
        "who gifted a sub to me? thank you",
        "RAID RAID RAID",
        "",
    ],
)
def test_what_a_chatter_writes_is_no_notice(line: str) -> None:
    assert twitch_notice(line) is None


@pytest.mark.parametrize("line", [", raiders from Cozy_Lantern have joined!", ". raider from x has joined!"])
def test_a_raid_line_without_a_number_is_chat_not_a_crash(line: str) -> None:
    # Chat is read line by line on the hot path: a line shaped almost like the notice must not raise.
    assert raiders(line) is None and twitch_notice(line) is None


def test_the_number_of_raiders_is_read_with_its_separators() -> None:
    assert raiders("1,204 raiders from Grand_Hall have joined!") == 1204
