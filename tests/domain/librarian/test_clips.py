"""Clip candidates: who reacts, how, how strongly, and when the moment began; synthetic and real chat."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from chronicler.contract.errors import InvalidInput
from chronicler.domain.chat import ChatMessage
from chronicler.domain.librarian import (
    CLIP_FLOOR,
    MIN_SCORE,
    ClipConfig,
    ClipDetector,
    detect_clips,
    rank,
)
from tests.domain.librarian.chatlog import at, burst, in_order, message, real_chat, steady

EVERYONE = ClipConfig(min_score=0)  # every hot stretch, however weak, to compare scores


def crowd(
    start: float, seconds: float, lines: tuple[str, ...], *, per_second: int = 5
) -> Iterator[ChatMessage]:
    """Many different chatters reacting at once, `per_second` of them a second."""
    for n in range(int(seconds * per_second)):
        yield message(lines[n % len(lines)], login=f"crowd{start:g}_{n}", seconds=start + n / per_second)


def test_calm_chat_has_no_candidates() -> None:
    assert detect_clips(steady(0, 3600)) == []


def test_many_chatters_laughing_make_a_funny_candidate_that_starts_before_chat_reacted() -> None:
    chat = in_order(steady(0, 1200), crowd(600, 20, ("KEKW", "LUL", "OMEGALUL KEKW", "lmao")))

    (clip,) = detect_clips(chat)

    assert clip.kind == "funny" and clip.score >= MIN_SCORE
    # Viewers react 20-30 s after the moment: the candidate starts the lag before the spike.
    assert clip.start == at(600 - 25)
    assert clip.peak is not None and at(600) <= clip.peak <= at(620)
    assert at(615) <= clip.end <= at(620)
    assert clip.reason.startswith("Funny: ") and "laughing" in clip.reason and "KEKW" in clip.reason
    assert 1 <= len(clip.sample_messages) <= 5


def test_the_lag_is_a_setting() -> None:
    chat = in_order(steady(0, 1200), crowd(600, 20, ("KEKW",)))

    (clip,) = detect_clips(chat, ClipConfig(lag=timedelta(0)))

    assert clip.start == at(600)


def test_one_spammer_is_no_moment_however_much_they_post() -> None:
    spam = (message("KEKW KEKW KEKW", login="spammer", seconds=600 + n / 5) for n in range(100))

    assert detect_clips(in_order(steady(0, 1200), spam), EVERYONE) == []


def test_a_crowd_laughing_outranks_a_crowd_saying_hello_or_talking() -> None:
    chat = in_order(
        steady(0, 3000),
        crowd(600, 20, ("hi", "hello!", "hey chat")),
        crowd(1500, 20, ("nice jump there", "that boss looks tough")),
        crowd(2400, 20, ("KEKW", "LUL", "jajaja", "草")),
    )

    clips = detect_clips(chat, EVERYONE)

    assert clips[0].start == at(2400 - 25) and clips[0].kind == "funny"
    assert [clip.score for clip in clips] == sorted((clip.score for clip in clips), reverse=True)
    greeting = next(clip for clip in clips if clip.start == at(600 - 25))
    assert greeting.score < clips[0].score / 2


def test_a_crowd_laughing_outranks_a_crowd_pasting_the_same_question() -> None:
    chat = in_order(
        steady(0, 2400),
        crowd(600, 20, ("does anyone know which keyboard he uses?",)),
        crowd(1500, 20, ("KEKW", "LUL", "hahaha", "OMEGALUL")),
    )

    clips = detect_clips(chat, EVERYONE)

    assert clips[0].start == at(1500 - 25) and clips[0].kind == "funny"
    pasted = next(clip for clip in clips if clip.start == at(600 - 25))
    assert pasted.score < clips[0].score / 2


def test_a_slow_chat_laughing_for_half_a_minute_gives_a_candidate() -> None:
    # Six messages a minute from ten regulars; then seven chatters laugh, one every five seconds:
    # never more than three voices in one 10 s bucket, but clearly a moment over half a minute.
    laughs = ("KEKW", "LUL", "lmao", "hahaha")
    laughing = (
        message(laughs[n % len(laughs)], login=f"laugher{n}", seconds=900.5 + 5 * n) for n in range(7)
    )
    chat = in_order(steady(0, 1800, every=10, chatters=10), laughing)

    (clip,) = detect_clips(chat, ClipConfig(min_score=CLIP_FLOOR))

    assert clip.kind == "funny" and clip.start <= at(900) <= clip.end
    assert "in 30 s" in clip.reason
    # The 10 s buckets alone never see it.
    assert detect_clips(chat, ClipConfig(min_score=0, slow_buckets=1)) == []


def test_a_big_steady_chat_gives_no_candidate_even_at_the_floor() -> None:
    assert detect_clips(steady(0, 3600, every=0.1, chatters=500), ClipConfig(min_score=CLIP_FLOOR)) == []


def test_flagged_messages_never_count() -> None:
    # A scam copy-paste raid: forty accounts pasting the same line, every one flagged by the Warden.
    raid = list(crowd(600, 20, ("FREE VIEWERS at cheap-viewers dot com WOW",)))
    chat = in_order(steady(0, 1200), iter(raid))
    flagged = frozenset(m.message_id for m in raid)

    assert detect_clips(chat, EVERYONE)  # the same chat, unflagged, would be a spike
    assert detect_clips(chat, EVERYONE, flagged=flagged) == []
    detector = ClipDetector(EVERYONE)
    for chat_message in chat:
        detector.feed(chat_message, flagged=chat_message.message_id in flagged)
    assert detector.flush() == []


def test_a_giveaway_is_no_moment() -> None:
    # Every chatter typing "!join" at once is a giveaway's entries, addressed to a bot.
    chat = in_order(steady(0, 1200), crowd(600, 30, ("!join", "!JOIN", "!join pls")))

    assert detect_clips(chat, EVERYONE) == []


@pytest.mark.parametrize(
    ("lines", "kind"),
    [
        (("KEKW", "LUL", "www", "草", "jajaja", "mdr", "哈哈哈", "ㅋㅋㅋ", "xD"), "funny"),
        (("Pog", "PogChamp", "LETS GO", "POGGERS", "insane"), "hype"),
        (("monkaS", "WHAT", "D:", "wtf", "???"), "shock"),
        (("Sadge", "F", "o7", "rip", "PepeHands"), "sad"),
        (("<3", "aww", "so cute", "peepoHappy"), "wholesome"),
    ],
)
def test_each_candidate_says_what_kind_of_reaction_it_was(lines: tuple[str, ...], kind: str) -> None:
    chat = in_order(steady(0, 1200), crowd(600, 20, lines))

    (clip,) = detect_clips(chat, EVERYONE)

    assert clip.kind == kind


def test_bursts_minutes_apart_are_separate_candidates_best_first() -> None:
    chat = in_order(steady(0, 1800), burst(600, 15), crowd(1200, 15, ("KEKW", "LUL"), per_second=10))

    first, second = detect_clips(chat, EVERYONE)

    assert first.start <= at(1200) <= first.end and second.start <= at(600) <= second.end
    assert first.score > second.score
    assert rank([second, first]) == [first, second]


def test_two_close_bursts_merge_into_one_candidate() -> None:
    chat = in_order(steady(0, 1200), burst(600, 10), burst(625, 10))

    (clip,) = detect_clips(chat, EVERYONE)

    assert clip.start <= at(600) and clip.end >= at(634)


def test_a_weaker_burst_soon_after_a_candidate_is_its_echo_not_a_second_candidate() -> None:
    # Chat laughs at the moment, calms, and laughs again 45 s later (the replay): one moment.
    strong = crowd(600, 20, ("KEKW", "LUL", "OMEGALUL"), per_second=10)
    chat = in_order(steady(0, 1200), strong, crowd(680, 10, ("KEKW", "LUL"), per_second=4))

    (clip,) = detect_clips(chat, EVERYONE)
    echoes_kept = detect_clips(chat, ClipConfig(min_score=0, echo_gap=timedelta(0)))

    assert clip.start <= at(600) <= clip.end < at(680)
    assert len(echoes_kept) == 2 and echoes_kept[0] == clip


def test_a_stronger_burst_soon_after_a_candidate_is_still_reported() -> None:
    weak = crowd(600, 10, ("KEKW", "LUL"), per_second=4)
    chat = in_order(steady(0, 1200), weak, crowd(680, 20, ("KEKW", "LUL", "OMEGALUL"), per_second=10))

    first, second = detect_clips(chat, EVERYONE)

    assert first.start <= at(680) <= first.end and second.start <= at(600) <= second.end


@pytest.mark.parametrize(
    "calls", [("clip it", "CLIP THAT"), ("someone clip this", "clip that LUL"), ("CLIPPED", "clip!")]
)
def test_two_chatters_calling_for_a_clip_make_a_candidate(calls: tuple[str, str]) -> None:
    chat = in_order(
        steady(0, 900),
        iter(
            [
                message(calls[0], login="first_caller", seconds=500.5),
                message(calls[1], login="second_caller", seconds=505.5),
            ]
        ),
    )

    (clip,) = detect_clips(chat)

    assert "2 chatters called for a clip" in clip.reason
    assert [sample.chatter_login for sample in clip.sample_messages[:2]] == ["first_caller", "second_caller"]
    assert clip.start <= at(500.5) and clip.score >= MIN_SCORE


def test_clip_calls_from_one_chatter_or_far_apart_are_not_enough() -> None:
    alone = [message("clip it", login="eager", seconds=500.5 + n) for n in range(3)]
    far_apart = [message("clip it", login="a", seconds=300.5), message("clip that", login="b", seconds=700.5)]
    not_calls = [message("old clip", login="n1", seconds=400.5), message("clips", login="n2", seconds=401.5)]

    assert detect_clips(in_order(steady(0, 900), iter(alone), iter(far_apart), iter(not_calls))) == []


def test_feed_returns_a_candidate_once_chat_has_moved_past_it_and_flush_returns_the_rest() -> None:
    detector = ClipDetector()
    closed_at: list[datetime] = []
    chat = in_order(steady(0, 1200), crowd(600, 20, ("KEKW",)), crowd(1185, 10, ("Pog",), per_second=8))
    for chat_message in chat:
        if detector.feed(chat_message):
            closed_at.append(chat_message.sent_at)

    assert len(closed_at) == 1 and at(620) <= closed_at[0] <= at(660)
    (last,) = detector.flush()
    assert last.kind == "hype" and last.start <= at(1185)
    assert detector.flush() == []


def test_late_messages_are_counted_not_dropped() -> None:
    # The burst arrives newest first: every message but the first is "late", yet all of them count.
    chat = [*steady(0, 600), *reversed(list(crowd(600, 20, ("KEKW",)))), *steady(620, 1200)]

    (clip,) = detect_clips(chat)

    assert clip.kind == "funny" and clip.start <= at(600)


def test_after_a_long_break_the_baseline_is_relearned_before_spikes_count() -> None:
    # Chat coming back after an hour off is not a spike against an empty hour.
    chat = in_order(steady(0, 600), steady(4200, 4800, every=0.3))

    assert detect_clips(chat) == []


def test_a_message_without_a_time_zone_is_refused_and_nothing_is_counted() -> None:
    naive = message("hello", sent_at=datetime(2024, 5, 4, 18, 0))
    detector = ClipDetector()

    with pytest.raises(ValueError, match="timezone-aware"):
        detector.feed(naive)
    assert detector.flush() == []


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("bucket", timedelta(0)),
        ("spike_ratio", 1.0),
        ("reaction_ratio", 0.5),
        ("baseline_buckets", 2),
        ("warmup_buckets", 0),
        ("min_chatters", 0),
        ("reaction_share", 0.0),
        ("lag", timedelta(seconds=-1)),
        ("echo_gap", timedelta(seconds=-1)),
        ("min_score", -1.0),
        ("slow_buckets", 0),
        ("slow_below", -1.0),
        ("slow_min_chatters", 0),
    ],
)
def test_settings_out_of_range_are_refused_with_the_field_named(setting: str, value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        ClipConfig(**{setting: value})  # type: ignore[arg-type]

    assert caught.value.field == setting


@pytest.mark.shared_data
def test_real_chat_gives_at_most_about_one_candidate_per_ten_minutes_best_first() -> None:
    chat = real_chat()

    clips = detect_clips(chat)

    minutes = (chat[-1].sent_at - chat[0].sent_at).total_seconds() / 60
    assert 3 <= len(clips) <= 1.3 * minutes / 10  # about three hours of a busy channel
    assert [clip.score for clip in clips] == sorted((clip.score for clip in clips), reverse=True)
    in_time = sorted(clips, key=lambda clip: clip.start)
    for clip, following in zip(in_time, in_time[1:], strict=False):
        assert clip.end < following.start
    for clip in clips:
        assert clip.start < clip.end <= clip.start + timedelta(minutes=6)
        assert clip.peak is not None and clip.start <= clip.peak <= clip.end + timedelta(seconds=10)
        assert clip.reason and clip.score >= MIN_SCORE
        assert 1 <= len(clip.sample_messages) <= 5
        assert len({sample.chatter_login for sample in clip.sample_messages}) == len(clip.sample_messages)
