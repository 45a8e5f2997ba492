"""Copy-paste raids: the same longer text from many chatters in a short window, and what is not one."""

from __future__ import annotations

from chronicler.domain.warden import Warden, WardenConfig
from chronicler.domain.warden._raids import RaidDetector
from tests.domain.warden.helpers import START, make_message

RAID_TEXT = "this streamer is a fraud go watch someone better instead of this garbage"


def post(warden: Warden, text: str, chatters: int, *, every: float = 1.0, start: float = 0.0) -> list[bool]:
    """`chatters` different chatters post `text`, `every` seconds apart; which were flagged."""
    return [
        warden.check(make_message(text, login=f"raider{i}", seconds=start + i * every)).flagged
        for i in range(chatters)
    ]


def test_the_same_long_text_from_five_chatters_is_a_raid(warden: Warden) -> None:
    assert post(warden, RAID_TEXT, 7) == [False, False, False, False, True, True, True]
    verdict = warden.check(make_message(RAID_TEXT, login="raider99", seconds=8))
    assert verdict.rule == "copy_paste_raid"
    assert verdict.reason is not None and "chatters within 30s" in verdict.reason


def test_small_variations_still_count_as_the_same_text(warden: Warden) -> None:
    variants = [RAID_TEXT, RAID_TEXT + "!", RAID_TEXT.upper(), RAID_TEXT + " \U000e0000", f"{RAID_TEXT} ..."]
    flags = [
        warden.check(make_message(text, login=f"r{i}", seconds=i)).flagged for i, text in enumerate(variants)
    ]
    assert flags[-1]


def test_one_chatter_repeating_themselves_is_not_a_raid(warden: Warden) -> None:
    flags = [warden.check(make_message(RAID_TEXT, login="loud", seconds=i)).flagged for i in range(20)]
    assert not any(flags)


def test_emote_and_hype_spam_by_the_whole_chat_is_not_a_raid(warden: Warden) -> None:
    for text in (
        "KEKW KEKW KEKW",
        "LUL",
        "Pog",
        "TriKool ClapHD TriKool ClapHD TriKool ClapHD TriKool ClapHD",
        "OMEGALUL OMEGALUL OMEGALUL OMEGALUL OMEGALUL OMEGALUL",
        "gachiHYPER I BELIEVE gachiHYPER I BELIEVE",
        "GG WP GG WP GG WP",
        "happy birthday!!",
        "LETS GOOOOO PogChamp PogChamp",
    ):
        assert not any(post(warden, text, 50, every=0.1)), text


def test_chatters_spread_beyond_the_window_are_not_a_raid(warden: Warden) -> None:
    assert not any(post(warden, RAID_TEXT, 10, every=31.0))


def test_a_shorter_text_with_a_link_counts(warden: Warden) -> None:
    flags = post(warden, "go to mysite.com", 5)
    assert flags[-1]
    assert warden.check(make_message("go to mysite.com", login="late", seconds=6)).rule == "copy_paste_raid"


def test_raids_in_different_channels_are_counted_apart(warden: Warden) -> None:
    flags = [
        warden.check(make_message(RAID_TEXT, login=f"r{i}", channel=f"channel{i}", seconds=i)).flagged
        for i in range(10)
    ]
    assert not any(flags)


def test_the_raid_size_and_window_are_settings() -> None:
    warden = Warden(WardenConfig(raid_size=3, raid_window_seconds=5))
    assert post(warden, RAID_TEXT, 3) == [False, False, True]
    assert not any(post(Warden(WardenConfig(raid_size=3, raid_window_seconds=5)), RAID_TEXT, 3, every=6))


def test_privileged_chatters_neither_get_flagged_nor_count(warden: Warden) -> None:
    for i in range(10):
        message = make_message(RAID_TEXT, login=f"mod{i}", badges={"moderator"}, seconds=i)
        assert not warden.check(message).flagged
    assert post(warden, RAID_TEXT, 5, start=10)[-1]


def test_memory_stays_bounded_whatever_the_chat() -> None:
    detector = RaidDetector(window=30.0, size=5, min_words=5, min_chars=25, max_tracked=100)
    for i in range(10_000):
        detector.observe("c", f"user{i}", f"a completely different longer message number {i}", START, False)
    assert len(detector) == 100


def test_old_texts_are_forgotten_as_time_passes() -> None:
    detector = RaidDetector(window=30.0, size=5, min_words=5, min_chars=25, max_tracked=100)
    detector.observe("c", "a", RAID_TEXT, START, False)
    assert len(detector) == 1
    later = START.replace(minute=START.minute + 5)
    detector.observe("c", "b", "another long message that has enough words in it", later, False)
    assert len(detector) == 1


def test_short_texts_are_not_even_tracked() -> None:
    detector = RaidDetector(window=30.0, size=5, min_words=5, min_chars=25, max_tracked=100)
    assert detector.observe("c", "a", "kekw kekw kekw", START, False) == 0
    assert len(detector) == 0
