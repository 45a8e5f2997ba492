"""A raid's welcome is no clip: told live by `observe_raid` or by Twitch's notice in a chat export."""

from __future__ import annotations

from collections.abc import Iterator

from chronicler.domain.chat import ChatMessage
from chronicler.domain.librarian import ClipConfig, ClipDetector, detect_clips, tally_chat
from tests.domain.librarian.chatlog import at, in_order, message, steady

EVERYONE = ClipConfig(min_score=0)  # every hot stretch, however weak
RAID_AT = 600
NOTICE = "38 raiders from Cozy_Lantern have joined! "
PASTE = "COZY RAID cozyHeart sending love from the lantern crew cozyHeart"


def quiet() -> Iterator[ChatMessage]:
    """Twenty minutes of a small channel: a message every eight seconds."""
    return steady(0, 1200, every=8, chatters=6)


def raid_welcome(start: float = RAID_AT) -> Iterator[ChatMessage]:
    """Raiders pasting the raid message and saying hi; the regulars welcoming them."""
    for n in range(30):
        text = (PASTE, "hiii everyone", "welcome raiders <3", "hello chat")[n % 4]
        yield message(text, login=f"raider{n}", seconds=start + 2 + n)


def laughter(start: float) -> Iterator[ChatMessage]:
    """A real moment: chatters laughing at once."""
    lines = ("KEKW", "LUL", "OMEGALUL", "lmao", "KEKW KEKW")
    for n in range(25):
        yield message(lines[n % len(lines)], login=f"laugher{n}", seconds=start + n / 2)


def test_without_being_told_a_raids_welcome_looks_like_a_moment() -> None:
    # The control for the tests below: the same chat, no notice and no raid event.
    assert detect_clips(in_order(quiet(), raid_welcome()), EVERYONE)


def test_twitchs_raid_notice_in_a_chat_export_leaves_the_welcome_out() -> None:
    notice = message(NOTICE, login="cozy_lantern", seconds=RAID_AT)
    assert detect_clips(in_order(quiet(), iter([notice]), raid_welcome()), EVERYONE) == []


def test_a_raid_told_live_leaves_the_welcome_out() -> None:
    chat = in_order(quiet(), raid_welcome())
    detector = ClipDetector(EVERYONE)

    found = [clip for each in chat if each.sent_at < at(RAID_AT) for clip in detector.feed(each)]
    detector.observe_raid(at(RAID_AT))
    found += [clip for each in chat if each.sent_at >= at(RAID_AT) for clip in detector.feed(each)]

    assert found + detector.flush() == []


def test_a_real_moment_during_the_raids_minutes_is_still_found() -> None:
    notice = message(NOTICE, login="cozy_lantern", seconds=RAID_AT)
    chat = in_order(quiet(), iter([notice]), raid_welcome(), laughter(RAID_AT + 90))

    (clip,) = detect_clips(chat, EVERYONE)

    assert clip.kind == "funny" and clip.start >= at(RAID_AT + 60)


def test_after_the_raids_minutes_raid_is_an_ordinary_word_again() -> None:
    notice = message(NOTICE, login="cozy_lantern", seconds=60)
    raid_night = (
        message(
            ("RAID WIPE", "we wiped the raid LUL", "RAID BOSS DOWN")[n % 3],
            login=f"guild{n}",
            seconds=900 + n / 2,
        )
        for n in range(25)
    )
    assert detect_clips(in_order(quiet(), iter([notice]), raid_night), EVERYONE)


def test_twitchs_notices_are_not_counted_as_chat() -> None:
    # A gift bomb writes one line per gifted sub: fifty lines of no reaction that would dilute one.
    gifts = [f"Pixel_Wren gifted a Tier 1 sub to Viewer_{n}! " for n in range(50)]

    assert tally_chat([*gifts, NOTICE]).messages == 0
    assert tally_chat([*gifts, "KEKW"]).messages == 1
