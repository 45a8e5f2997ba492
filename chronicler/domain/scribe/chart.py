"""The ledger's chart: messages per minute over the stream, clip candidates marked, quiet stretches shaded."""

from __future__ import annotations

import io

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MultipleLocator

from chronicler.domain.scribe.activity import quiet_stretches
from chronicler.domain.scribe.data import LedgerData

WIDTH_IN, HEIGHT_IN, DPI = 10.0, 3.6, 110
_TICK_STEPS_MIN = (5, 10, 15, 30, 60, 120, 240, 480)
_MAX_TICKS = 12
_LINE, _CLIP, _QUIET = "#5865f2", "#ed4245", "#d9d9d9"


def render_chart(data: LedgerData) -> bytes:
    """A PNG of messages per minute; safe to call from several threads at once."""
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
        _mark_clips(axes, data)
        # Below the plot, so it never hides a spike.
        figure.legend(loc="outside lower right", ncols=3, fontsize=8, frameon=False)

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _mark_clips(axes: Axes, data: LedgerData) -> None:
    start = data.session.started_at
    for number, clip in enumerate(data.clips, start=1):
        at = (clip.start - start).total_seconds() / 60
        axes.axvline(at, color=_CLIP, linewidth=1, alpha=0.8, label="clip candidate" if number == 1 else None)
        axes.annotate(
            str(number),
            (at, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7,
            color=_CLIP,
            annotation_clip=False,
        )


def _time_axis(axes: Axes, minutes: int) -> None:
    step = next((step for step in _TICK_STEPS_MIN if minutes / step <= _MAX_TICKS), _TICK_STEPS_MIN[-1])
    axes.xaxis.set_major_locator(MultipleLocator(step))
    axes.xaxis.set_major_formatter(FuncFormatter(_hours_minutes))


def _hours_minutes(minute: float, _position: object) -> str:
    return f"{int(minute) // 60}:{int(minute) % 60:02d}"
