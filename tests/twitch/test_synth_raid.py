"""The raid a synthetic stream gets: its plan in the scenario, and what its raiders post."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import msgspec
import pytest

from chronicler.contract.errors import InvalidInput
from chronicler.domain.chat import ChatMessage
from chronicler.domain.warden import Warden
from chronicler.twitch._synth_lines import RAID_SPREAD, raid_burst
from chronicler.twitch._synth_scenario import RaidPlan, Scenario

CHANNEL = "pixel_wren"
T0 = datetime(2024, 5, 4, 18, 20, tzinfo=UTC)


def test_a_scenario_has_one_raid_of_a_dozen_chatting_raiders_unless_told_otherwise() -> None:
    plan = Scenario().raid

    assert plan is not None and plan.raiders == 12 and plan.viewers >= plan.raiders
    assert Scenario(raid=None).raid is None


@pytest.mark.parametrize(
    "changes",
    [
        {"at": timedelta(seconds=-1)},
        {"from_login": "Not A Login"},
        {"raiders": 0},
        {"raiders": 40, "viewers": 38},
    ],
)
def test_a_raid_that_cannot_happen_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(InvalidInput) as refused:
        RaidPlan(**changes)  # type: ignore[arg-type]
    assert refused.value.field == "raid"


def test_every_raider_pastes_the_same_message_and_most_greet_within_half_a_minute() -> None:
    lines = raid_burst(random.Random(3), CHANNEL, "cozy_lantern", 12)

    opening: dict[int, str] = {}
    for line in lines:
        opening.setdefault(line.raider, line.text)
    [paste] = set(opening.values())  # each raider opens with the one paste
    assert sorted(opening) == list(range(12))
    assert sum(line.text == paste for line in lines) == 12
    assert len(lines) > 12  # greetings on top
    assert all(0 <= line.delay <= RAID_SPREAD for line in lines)
    assert [line.delay for line in lines] == sorted(line.delay for line in lines)


def test_the_same_seed_gives_the_same_raid() -> None:
    assert raid_burst(random.Random(9), CHANNEL, "cozy_lantern", 12) == raid_burst(
        random.Random(9), CHANNEL, "cozy_lantern", 12
    )


@pytest.mark.parametrize("seed", range(5))
def test_to_a_warden_not_told_of_the_raid_its_paste_is_a_copy_paste_raid(seed: int) -> None:
    # Why the raid matters: the demo shows the Warden quiet only because it is told of it.
    warden = Warden()
    spoken: set[int] = set()
    flagged = []
    for i, line in enumerate(raid_burst(random.Random(seed), CHANNEL, "cozy_lantern", 12)):
        login, first = f"cozy_raider{line.raider}", line.raider not in spoken
        spoken.add(line.raider)
        message = ChatMessage(f"r{i}", CHANNEL, login, line.text, T0 + timedelta(seconds=line.delay))
        if warden.check(msgspec.structs.replace(message, first_message=first)).flagged:
            flagged.append(line.text)

    assert flagged
