"""The PNG chart: a real PNG of a sensible size, for full, empty and concurrent renders."""

from __future__ import annotations

import struct
from concurrent.futures import ThreadPoolExecutor

from chronicler.domain.scribe import render_chart
from chronicler.domain.scribe.chart import DPI, HEIGHT_IN, WIDTH_IN
from tests.domain.scribe.ledgers import empty_ledger, ledger

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
