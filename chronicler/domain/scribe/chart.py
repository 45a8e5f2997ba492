"""The ledger's chart: messages per minute, clip candidates marked at their peaks, quiet stretches shaded."""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MultipleLocator

from chronicler.domain.scribe.activity import quiet_stretches
from chronicler.domain.scribe.data import LedgerData, ranked_clips

WIDTH_IN, HEIGHT_IN, DPI = 10.0, 3.6, 110
_TICK_STEPS_MIN = (5, 10, 15, 30, 60, 120, 240, 480)
_MAX_TICKS = 12
_LINE, _CLIP, _QUIET = "#5865f2", "#ed4245", "#d9d9d9"
# Only the best candidates get a number over the chart (the markdown lists them all), in up to
# LABEL_ROWS staggered rows so that no two numbers overlap; a number with no room is left out.
LABELLED_CLIPS = 10
LABEL_ROWS = 3
LABEL_WIDTH_PT = 12.0  # a two-digit number at font size 7, with air on both sides
ROW_HEIGHT_PT = 9.0


def render_chart(data: LedgerData) -> bytes:
    """A PNG of messages per minute; safe to call from several threads at once."""
    buffer = io.BytesIO()
    chart_figure(data).savefig(buffer, format="png")
    return buffer.getvalue()


def chart_figure(data: LedgerData) -> Figure:
    """The chart as a matplotlib Figure with its own Agg canvas (what `render_chart` saves)."""
    # A bare Figure with its own Agg canvas shares no state with pyplot, unlike plt.figure().
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    counts = np.asarray(data.per_minute, dtype=np.int64)
    minutes = len(counts)

    # "$" would switch matplotlib into mathtext.
    channel = data.session.channel.replace("$", r"\$")
    axes.set_title(f"#{channel}: messages per minute", loc="left", fontsize=11, pad=14)
    axes.set_xlabel("time into stream (h:mm)")
    axes.set_xlim(0, max(minutes, 1))
    axes.set_ylim(0, max(int(counts.max(initial=0) * 1.15), 5))
    _time_axis(axes, minutes)
    axes.grid(axis="y", alpha=0.3)

    if not counts.any():
        axes.text(
            0.5,
            0.5,
            "No chat messages yet" if data.session.ended_at is None else "No chat messages",
            transform=axes.transAxes,
            ha="center",
            va="center",
            color="0.4",
        )
    else:
        for number, (first, after) in enumerate(quiet_stretches(data.per_minute, data.quiet_minutes)):
            axes.axvspan(first, after, color=_QUIET, zorder=0, label="quiet" if number == 0 else None)
        axes.stairs(
            counts, np.arange(minutes + 1), fill=True, color=_LINE, alpha=0.85, label="messages per minute"
        )
        label_rows_used = _mark_clips(axes, data, minutes)
        if label_rows_used > 1:
            axes.set_title(
                axes.get_title(loc="left"),
                loc="left",
                fontsize=11,
                pad=14 + ROW_HEIGHT_PT * (label_rows_used - 1),
            )
        # Below the plot, so it never hides a spike.
        figure.legend(loc="outside lower right", ncols=3, fontsize=8, frameon=False)
    return figure


def _mark_clips(axes: Axes, data: LedgerData, minutes: int) -> int:
    """A line at each candidate's peak; the best ones numbered as the markdown numbers them.

    Returns how many rows of numbers sit above the plot, so the title can make room for them.
    """
    start = data.session.started_at
    ranked = ranked_clips(data.clips)
    positions = [(clip.marked_at - start).total_seconds() / 60 for clip in ranked]
    # A number's width in minutes of the x axis: the plot spans about 90% of the figure.
    gap = max(minutes, 1) * LABEL_WIDTH_PT / (WIDTH_IN * 0.9 * 72)
    rows = label_rows(positions[:LABELLED_CLIPS], gap, LABEL_ROWS)
    for number, at in enumerate(positions, start=1):
        best = number <= LABELLED_CLIPS
        axes.axvline(
            at,
            color=_CLIP,
            linewidth=1 if best else 0.6,
            alpha=0.85 if best else 0.35,
            label=f"clip candidate (best {min(len(ranked), LABELLED_CLIPS)} numbered)"
            if number == 1
            else None,
        )
        row = rows[number - 1] if best else None
        if row is None:
            continue
        axes.annotate(
            str(number),
            (at, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 2 + ROW_HEIGHT_PT * row),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7,
            color=_CLIP,
            annotation_clip=False,
        )
    return max((row + 1 for row in rows if row is not None), default=0)


def label_rows(positions: Sequence[float], gap: float, rows: int) -> list[int | None]:
    """The row each label goes in so that no two in a row are closer than `gap`; None: no room.

    Labels are placed in the order given (the best clip first), each in the lowest row it fits.
    """
    placed: list[list[float]] = [[] for _ in range(rows)]
    chosen: list[int | None] = []
    for at in positions:
        row = next(
            (n for n, taken in enumerate(placed) if all(abs(at - other) >= gap for other in taken)), None
        )
        if row is not None:
            placed[row].append(at)
        chosen.append(row)
    return chosen


def _time_axis(axes: Axes, minutes: int) -> None:
    step = next((step for step in _TICK_STEPS_MIN if minutes / step <= _MAX_TICKS), _TICK_STEPS_MIN[-1])
    axes.xaxis.set_major_locator(MultipleLocator(step))
    axes.xaxis.set_major_formatter(FuncFormatter(_hours_minutes))


def _hours_minutes(minute: float, _position: object) -> str:
    return f"{int(minute) // 60}:{int(minute) % 60:02d}"
