"""The PNG chart: a real PNG of a sensible size; clip markers at peaks, numbers that never overlap."""

from __future__ import annotations

import struct
from concurrent.futures import ThreadPoolExecutor

import pytest

from chronicler.domain.scribe import LedgerClip, LedgerData, render_chart
from chronicler.domain.scribe.chart import DPI, HEIGHT_IN, LABELLED_CLIPS, WIDTH_IN, chart_figure, label_rows
from chronicler.domain.scribe.data import REACTION_LAG
from tests.domain.scribe.ledgers import DST_NIGHT, at, empty_ledger, ledger

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_a_ledger_chart_is_a_png_of_the_configured_size() -> None:
    png = render_chart(ledger())

    assert _size(png) == (round(WIDTH_IN * DPI), round(HEIGHT_IN * DPI))
    assert 10_000 < len(png) < 500_000
    assert png.endswith(b"IEND\xaeB`\x82")


def test_an_empty_session_still_gets_a_chart() -> None:
    png = render_chart(empty_ledger())

    assert _size(png) == (round(WIDTH_IN * DPI), round(HEIGHT_IN * DPI))


def test_charts_render_in_parallel_threads() -> None:
    data = ledger()
    with ThreadPoolExecutor(max_workers=3) as pool:
        pngs = list(pool.map(lambda _: render_chart(data), range(3)))

    assert all(png[:8] == PNG_SIGNATURE for png in pngs)


def _long_stream_with_crowded_clips() -> LedgerData:
    """Nine hours with forty candidates, many of them minutes apart: numbers would collide."""
    start = DST_NIGHT
    clips = tuple(
        LedgerClip(
            at(start, minutes=30 + 12 * n + (n % 3)),
            at(start, minutes=31 + 12 * n + (n % 3)),
            2 + (n * 7 % 40) / 10,
            "Funny: chat laughed",
            peak=at(start, minutes=30.5 + 12 * n + (n % 3)),
            kind="funny",
        )
        for n in range(40)
    )
    return ledger(hours=9, clips=clips)


def test_markers_sit_at_peaks_and_only_the_best_are_numbered_without_overlapping() -> None:
    data = _long_stream_with_crowded_clips()
    figure = chart_figure(data)
    figure.canvas.draw()
    axes = figure.axes[0]

    # One line per candidate, at its peak (not its window's start), in minutes into the stream.
    peaks = sorted((clip.marked_at - data.session.started_at).total_seconds() / 60 for clip in data.clips)
    lines = sorted(line.get_xdata()[0] for line in axes.get_lines())  # type: ignore[index]
    assert lines == pytest.approx(peaks)

    numbers = [text for text in axes.texts if text.get_text().isdigit()]
    assert 1 <= len(numbers) <= LABELLED_CLIPS
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [text.get_window_extent(renderer) for text in numbers]
    for i, first in enumerate(boxes):
        for second in boxes[i + 1 :]:
            assert not first.overlaps(second)
    # The numbers are the ranks the markdown uses: "1" marks the best candidate's peak.
    best = max(data.clips, key=lambda clip: clip.score)
    one = next(text for text in numbers if text.get_text() == "1")
    assert one.xy[0] == pytest.approx((best.marked_at - data.session.started_at).total_seconds() / 60)


def test_label_rows_stagger_close_labels_and_give_up_when_there_is_no_room() -> None:
    assert label_rows([10, 11, 12, 30], gap=5, rows=2) == [0, 1, None, 0]
    assert label_rows([10, 20, 30], gap=5, rows=1) == [0, 0, 0]
    assert label_rows([], gap=5, rows=3) == []


def test_a_clip_without_a_recorded_peak_is_marked_where_chat_took_off() -> None:
    clip = LedgerClip(at(DST_NIGHT, minutes=10), at(DST_NIGHT, minutes=11), 3.0, "older record")

    assert clip.marked_at == at(DST_NIGHT, minutes=10) + REACTION_LAG
