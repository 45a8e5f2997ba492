"""Copy-paste raids: the same longer text from many chatters in a short window, and what is not one."""

from __future__ import annotations

from datetime import timedelta

from chronicler.domain.chat import RaidArrived
from chronicler.domain.warden import Warden, WardenConfig
from chronicler.domain.warden._raids import NOBODY, Crowd, RaidDetector
from tests.domain.warden.helpers import START, make_message

# Invented: a hate raid's line, and a channel's own running joke.
RAID_TEXT = "this streamer is a fraud go watch someone better instead of this garbage"
COPYPASTA = "the prophecy is true the chosen one has returned to the castle at last"


def post(
    warden: Warden,
    text: str,
    chatters: int,
    *,
    every: float = 1.0,
    start: float = 0.0,
    first: bool = True,
    prefix: str = "raider",
) -> list[bool]:
    """`chatters` different chatters (new ones unless `first` is False) post `text`; which were flagged."""
    return [
        warden.check(
            make_message(text, login=f"{prefix}{i}", seconds=start + i * every, first_message=first)
        ).flagged
        for i in range(chatters)
    ]


def raid(warden: Warden, seconds: float = 0.0, channel: str = "pixel_wren") -> None:
    """Another channel raids `channel` at `seconds` after the start."""
    warden.observe_raid(RaidArrived(channel, "cozy_raider", 120, START + timedelta(seconds=seconds)))


def test_the_same_long_text_from_five_new_chatters_is_a_raid(warden: Warden) -> None:
    assert post(warden, RAID_TEXT, 7) == [False, False, False, False, True, True, True]
    verdict = warden.check(make_message(RAID_TEXT, login="raider99", seconds=8, first_message=True))
    assert verdict.rule == "copy_paste_raid"
    assert verdict.reason is not None and "chatters within 30s" in verdict.reason
    assert "new here" in verdict.reason


def test_community_copypasta_from_regulars_is_not_a_raid(warden: Warden) -> None:
    assert not any(post(warden, COPYPASTA, 40, every=0.5, first=False))


def test_copypasta_from_a_few_newcomers_among_regulars_is_not_a_raid(warden: Warden) -> None:
    flags = post(warden, COPYPASTA, 4, first=False, prefix="regular")
    flags += post(warden, COPYPASTA, 2, start=5, prefix="newbie")
    assert not any(flags)


def test_the_same_text_with_a_link_is_a_raid_even_from_regulars(warden: Warden) -> None:
    text = COPYPASTA + " see all of it at prophecy-archive.net"
    assert post(warden, text, 6, first=False)[-1]


def test_the_same_text_with_a_contact_handle_is_a_raid_even_from_regulars(warden: Warden) -> None:
    text = "we are the best squad around come play with us, we chat on discord about everything"
    flags = post(warden, text, 6, first=False)
    assert flags[-1]
    verdict = warden.check(make_message(text, login="late", seconds=7))
    assert verdict.rule == "copy_paste_raid" and verdict.reason is not None
    assert "link or contact" in verdict.reason


def test_small_variations_still_count_as_the_same_text(warden: Warden) -> None:
    variants = [RAID_TEXT, RAID_TEXT + "!", RAID_TEXT.upper(), RAID_TEXT + " \U000e0000", f"{RAID_TEXT} ..."]
    flags = [
        warden.check(make_message(text, login=f"r{i}", seconds=i, first_message=True)).flagged
        for i, text in enumerate(variants)
    ]
    assert flags[-1]


def test_after_a_raid_the_raiders_greeting_is_a_welcome(warden: Warden) -> None:
    raid(warden, seconds=0)
    greeting = "cozy raid has arrived bringing snacks and good vibes to the castle"
    assert not any(post(warden, greeting, 60, every=0.2, start=5))


def test_after_a_raid_the_raiders_first_words_are_not_held_against_them(warden: Warden) -> None:
    text = "there is a video on my channel about it"  # weak wording: flags only with a first message
    assert warden.check(make_message(text, login="newcomer", first_message=True)).flagged
    raid(warden, seconds=100)
    assert not warden.check(make_message(text, login="raider1", seconds=110, first_message=True)).flagged


def test_a_raider_linking_the_channel_they_came_from_is_welcome(warden: Warden) -> None:
    raid(warden)
    message = make_message(
        "we came from twitch.tv/cozy_raider <3", login="raider1", seconds=3, first_message=True
    )
    assert not warden.check(message).flagged
    other = make_message("go to twitch.tv/someone_else now", login="raider2", seconds=4, first_message=True)
    assert warden.check(other).flagged


def test_a_raid_does_not_excuse_a_link_or_a_contact(warden: Warden) -> None:
    raid(warden)
    assert warden.check(
        make_message("free skins at bit.ly/abc", login="r1", seconds=5, first_message=True)
    ).flagged
    text = "love the stream! add me on discord: raider_77"
    assert warden.check(make_message(text, login="r2", seconds=6, first_message=True)).flagged


def test_the_welcome_ends_after_a_few_minutes(warden: Warden) -> None:
    raid(warden, seconds=0)
    assert post(warden, RAID_TEXT, 6, start=301)[-1]


def test_the_welcome_lasts_as_long_as_the_setting_says() -> None:
    warden = Warden(WardenConfig(raid_welcome_seconds=60))
    raid(warden, seconds=0)
    assert not any(post(warden, RAID_TEXT, 6, start=10))
    assert post(warden, RAID_TEXT, 6, start=70, prefix="later")[-1]


def test_a_raid_into_another_channel_changes_nothing_here(warden: Warden) -> None:
    raid(warden, channel="someone_else")
    assert post(warden, RAID_TEXT, 6, start=5)[-1]


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
        message = make_message(
            RAID_TEXT, login=f"mod{i}", badges={"moderator"}, seconds=i, first_message=True
        )
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
    assert detector.observe("c", "a", "kekw kekw kekw", START, False) == NOBODY
    assert len(detector) == 0


def test_the_detector_counts_newcomers_apart() -> None:
    detector = RaidDetector(window=30.0, size=5, min_words=5, min_chars=25, max_tracked=100)
    detector.observe("c", "a", RAID_TEXT, START, False, True)
    detector.observe("c", "b", RAID_TEXT, START, False, False)
    assert detector.observe("c", "d", RAID_TEXT, START, False, True) == Crowd(3, 2)
    # A newcomer who repeats the text later is still counted as new for it.
    assert detector.observe("c", "a", RAID_TEXT, START, False, False) == Crowd(3, 2)
