"""Clip candidates from rate spikes, emote bursts and clip calls, on synthetic and real chat."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from chronicler.contract.errors import InvalidInput
from chronicler.domain.librarian import ClipConfig, ClipDetector, detect_clips
from tests.domain.librarian.chatlog import at, burst, in_order, message, real_chat, steady


def test_flat_chat_gives_no_candidates() -> None:
    assert detect_clips(steady(0, 3600)) == []


def test_a_tenfold_burst_gives_one_candidate_around_it() -> None:
    chat = in_order(steady(0, 1200), burst(600, 20))

    (clip,) = detect_clips(chat)

    assert clip.start <= at(600) <= clip.end
    assert clip.end <= at(650)
    assert at(600) - clip.start <= timedelta(seconds=45)  # the lead-in, plus where the bucket began
    assert clip.score >= 5
    assert "usual pace" in clip.reason
    assert 1 <= len(clip.sample_messages) <= 5
    assert all(at(600) <= sample.sent_at <= clip.end for sample in clip.sample_messages)


def test_two_close_bursts_merge_into_one_candidate() -> None:
    chat = in_order(steady(0, 1200), burst(600, 10), burst(640, 10))

    (clip,) = detect_clips(chat)

    assert clip.start <= at(600) and clip.end >= at(649)


def test_bursts_minutes_apart_are_separate_candidates() -> None:
    chat = in_order(steady(0, 1800), burst(600, 15), burst(1200, 15))

    first, second = detect_clips(chat)

    assert first.end < second.start
    assert first.start <= at(600) <= first.end and second.start <= at(1200) <= second.end


@pytest.mark.parametrize(
    "calls", [("clip it", "CLIP THAT"), ("someone clip this", "clip that LUL"), ("CLIPPED", "clip!")]
)
def test_two_chatters_calling_for_a_clip_make_a_candidate(calls: tuple[str, str]) -> None:
    chat = in_order(
        steady(0, 900),
        iter(
            [
                message(calls[0], login="first_caller", seconds=500.5),
                message(calls[1], login="second_caller", seconds=510.5),
            ]
        ),
    )

    (clip,) = detect_clips(chat)

    assert "2 chatters called for a clip" in clip.reason
    assert [sample.chatter_login for sample in clip.sample_messages[:2]] == ["first_caller", "second_caller"]
    assert clip.start <= at(500.5)


def test_clip_calls_from_one_chatter_or_far_apart_are_not_enough() -> None:
    alone = [message("clip it", login="eager", seconds=500.5 + n) for n in range(3)]
    far_apart = [message("clip it", login="a", seconds=300.5), message("clip that", login="b", seconds=700.5)]
    not_calls = [message("old clip", login="n1", seconds=400.5), message("clips", login="n2", seconds=401.5)]

    assert detect_clips(in_order(steady(0, 900), iter(alone), iter(far_apart), iter(not_calls))) == []


def test_an_emote_flood_at_the_usual_pace_is_a_candidate() -> None:
    flood = (message("PogChamp PogChamp", login=f"fan{n}", seconds=600 + n) for n in range(30))
    calm = (m for m in steady(0, 1200) if not at(600) <= m.sent_at < at(630))

    (clip,) = detect_clips(in_order(calm, flood))

    assert "emote burst" in clip.reason and "PogChamp" in clip.reason
    assert "usual pace" not in clip.reason
    assert clip.start <= at(600) <= clip.end


def test_repeated_camel_case_words_count_as_emotes() -> None:
    flood = (message("blobDance blobDance", login=f"fan{n}", seconds=600 + n) for n in range(30))
    calm = (m for m in steady(0, 1200) if not at(600) <= m.sent_at < at(630))

    (clip,) = detect_clips(in_order(calm, flood))

    assert "blobDance" in clip.reason


def test_feed_returns_a_candidate_once_chat_has_moved_past_it_and_flush_returns_the_rest() -> None:
    detector = ClipDetector()
    closed_at: list[datetime] = []
    for chat_message in in_order(steady(0, 1200), burst(600, 20), burst(1190, 5)):
        if detector.feed(chat_message):
            closed_at.append(chat_message.sent_at)

    assert len(closed_at) == 1 and at(650) <= closed_at[0] <= at(700)
    (last,) = detector.flush()
    assert last.start <= at(1190)
    assert detector.flush() == []


def test_late_messages_are_counted_not_dropped() -> None:
    # The burst arrives newest first: every message but the first is "late", yet all of them count.
    chat = [*steady(0, 600), *reversed(list(burst(600, 20))), *steady(620, 1200)]

    (clip,) = detect_clips(chat)

    assert "usual pace" in clip.reason
    assert clip.start <= at(600)


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
        ("baseline_buckets", 2),
        ("warmup_buckets", 0),
        ("min_messages", 0),
        ("emote_share", 0.0),
        ("lead_in", timedelta(seconds=-1)),
    ],
)
def test_settings_out_of_range_are_refused_with_the_field_named(setting: str, value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        ClipConfig(**{setting: value})

    assert caught.value.field == setting


@pytest.mark.shared_data
def test_real_chat_gives_a_sensible_number_of_well_formed_candidates() -> None:
    chat = real_chat()

    clips = detect_clips(chat)

    assert 3 <= len(clips) <= 60  # about three hours of a busy channel
    for clip, following in zip(clips, clips[1:], strict=False):
        assert clip.end < following.start
    for clip in clips:
        assert clip.start < clip.end <= clip.start + timedelta(minutes=6)
        assert clip.reason and clip.score > 1
        assert 1 <= len(clip.sample_messages) <= 5
        assert len({sample.chatter_login for sample in clip.sample_messages}) == len(clip.sample_messages)
