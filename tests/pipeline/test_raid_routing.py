"""A raid into the channel reaches the session's Warden, and the Librarian skips the raiders' copypasta."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chronicler.domain.chat import ChatMessage, RaidArrived
from chronicler.domain.warden import Warden
from chronicler.pipeline import ModeRunner
from chronicler.store.mode_settings import ModeSetting

T0 = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)
CHANNEL = "pixel_wren"
RAID = RaidArrived(CHANNEL, "cozy_lantern", 38, T0 + timedelta(minutes=5))
PASTE = "cozy_lantern raid! sending love and good vibes from the cozy_lantern community <3"


class RecordingWarden(Warden):
    """The real Warden, noting every raid it is told of."""

    def __init__(self) -> None:
        super().__init__()
        self.raids: list[RaidArrived] = []

    def observe_raid(self, raid: RaidArrived) -> None:
        """Note the raid, then let the Warden take it in."""
        self.raids.append(raid)
        super().observe_raid(raid)


def runner(warden: Warden, *, off: frozenset[str] = frozenset()) -> ModeRunner:
    """A session's modes with the given Warden; the modes in `off` turned off."""
    modes = {
        mode: ModeSetting(mode, enabled=mode not in off)
        for mode in ("warden", "librarian", "hearthkeeper", "steward", "scribe")
    }
    return ModeRunner(modes, warden=warden, bot_login="chronicler_bot", known_bots=frozenset())


def message(n: int, login: str, text: str, at: datetime) -> ChatMessage:
    return ChatMessage(f"m{n}", CHANNEL, login, text, at, display_name=login)


def quiet_chat() -> list[ChatMessage]:
    """Five minutes of a quiet channel: one message a bucket, so twelve at once is a spike."""
    return [
        message(i, f"regular{i % 3}", f"ordinary chat line {i}", T0 + timedelta(seconds=25 * i))
        for i in range(12)
    ]


def raid_paste(start: int = 100) -> list[ChatMessage]:
    """Twelve raiders pasting the raid message within seconds of the raid."""
    return [message(start + i, f"raider{i}", PASTE, RAID.at + timedelta(seconds=1 + i)) for i in range(12)]


def test_messages_the_warden_flagged_never_make_a_clip() -> None:
    # A scam copy-paste raid without a raid event: every paste flagged, so no burst for the Librarian.
    scam = "PogChamp PogChamp FREE VIEWERS for your channel at cheap-viewers dot com PogChamp"
    modes = runner(Warden())
    pastes = [message(500 + i, f"bot{i}", scam, T0 + timedelta(minutes=6, seconds=1 + i)) for i in range(12)]

    found = sum(len(modes.handle(m).clips) for m in quiet_chat()) + clips_of(modes, pastes)

    assert modes.handle(pastes[0]).verdict is not None  # the Warden does flag them
    assert found == 0
    # The control: with the Warden off nothing is flagged, and the same paste reads as a burst.
    unguarded = runner(Warden(), off=frozenset({"warden"}))
    assert clips_of(unguarded, quiet_chat() + pastes) == 1


def test_messages_the_warden_flagged_are_no_notable_discussion() -> None:
    modes = runner(Warden())
    scam = "who wants free nitro?? grab it at dlscord-gift dot com/claim before it's gone, first 100 only"
    flagged = modes.handle(message(900, "nitro_bot7", scam, T0))
    asked = modes.handle(message(901, "regular1", "what's the name of this song you're playing?", T0))
    assert flagged.verdict is not None and flagged.notables == ()
    assert [n.message.text for n in asked.notables] == ["what's the name of this song you're playing?"]


def clips_of(modes: ModeRunner, messages: list[ChatMessage]) -> int:
    """How many clip candidates the Librarian made of the messages, windows closed at the end."""
    found = sum(len(modes.handle(m).clips) for m in messages)
    return found + len(modes.finish())


def test_a_raid_reaches_the_sessions_warden() -> None:
    warden = RecordingWarden()
    modes = runner(warden)

    modes.observe_raid(RAID)

    assert warden.raids == [RAID]
    assert modes.last_raid == RAID


def test_with_the_warden_off_a_raid_is_still_taken_in_without_it() -> None:
    warden = RecordingWarden()
    modes = runner(warden, off=frozenset({"warden"}))

    modes.observe_raid(RAID)

    assert warden.raids == [] and modes.last_raid == RAID


def test_without_a_raid_twelve_newcomers_pasting_one_text_look_like_a_moment_worth_a_clip() -> None:
    # The control for the next test: the same chat, nobody told of a raid.
    assert clips_of(runner(Warden()), quiet_chat() + raid_paste()) == 1


def test_after_a_raid_the_librarian_skips_the_raiders_copypasta() -> None:
    modes = runner(Warden())
    before = quiet_chat()
    for m in before:
        modes.handle(m)

    modes.observe_raid(RAID)

    assert clips_of(modes, raid_paste()) == 0


def test_the_raids_copypasta_is_skipped_only_for_a_few_minutes() -> None:
    modes = runner(Warden())
    for m in quiet_chat():
        modes.handle(m)
    modes.observe_raid(RAID)
    for m in raid_paste():
        modes.handle(m)
    # Later chat, the same text from many chatters again: a moment of its own, not the raid's echo.
    later = RAID.at + timedelta(minutes=10)
    calm = [
        message(200 + i, f"regular{i % 3}", f"calm chat line {i}", later + timedelta(seconds=25 * i))
        for i in range(12)
    ]
    wave = [
        message(300 + i, f"viewer{i}", PASTE, later + timedelta(seconds=25 * 12 + 1 + i)) for i in range(12)
    ]

    assert clips_of(modes, calm + wave) == 1


def test_short_greetings_from_many_raiders_are_chat_but_no_clip() -> None:
    modes = runner(Warden())
    for m in quiet_chat():
        modes.handle(m)
    modes.observe_raid(RAID)

    hellos = [
        message(400 + i, f"raider{i}", "hi pixel_wren!", RAID.at + timedelta(seconds=1 + i))
        for i in range(12)
    ]

    # "hi" from a whole raid is chat greeting the channel (not skipped as paste), yet no highlight:
    # the Librarian scores greetings down (issue 20: raids never count).
    assert clips_of(modes, hellos) == 0
