"""How well the Librarian tags a clip candidate's kind (funny, hype, shock, sad), on labelled chat.

Run from the repo root:  .venv/bin/python -m bench.reactions [--data DIR]

Reads ../shared/data/reactions: 651 fast-chat windows of 19 VODs that a person labelled with a
reaction type, and the chat inside them. Their labels map to the Librarian's kinds (amusement ->
funny, "amasement" (excitement) -> hype, shock/scared and pure confusion -> shock, disappointment and
"unfortunate (nice try)" -> sad); "special topic" and "other" have no kind and are left out. VODs are
split by id: every third is EVAL, never looked at while the lexicon and its weights were set on TUNE
(nor by tools/fit_burst_model.py, which fits the Librarian's "is this burst a reaction?" model).
Prints accuracy of the lexicon on both, a majority-class baseline, and a naive-Bayes model trained
on TUNE only (what a learned model would add). Exits 2 when the data is absent.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from chronicler.domain.librarian import classify

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LABEL_KINDS = {
    "amusement": "funny",
    "amasement": "hype",
    "shock, scared": "shock",
    "pure confusion": "shock",
    "disappointment": "sad",
    "unfortunate (nice try)": "sad",
}


@dataclass(frozen=True)
class Window:
    """One labelled window: its VOD, the kind its label maps to (or None), and its chat."""

    video: str
    start: float
    end: float
    label: str
    kind: str | None
    texts: tuple[str, ...]


def load_windows(folder: Path) -> list[Window]:
    """Every labelled window with the chat lines inside it."""
    lines: dict[tuple[str, str], list[str]] = defaultdict(list)
    with (folder / "window_chat.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            lines[(row["video_id"], row["window_start_seconds"])].append(row["message"])
    windows = []
    with (folder / "windows.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            key = (row["video_id"], row["start_seconds"])
            windows.append(
                Window(
                    row["video_id"],
                    float(row["start_seconds"]),
                    float(row["end_seconds"]),
                    row["label"],
                    LABEL_KINDS.get(row["label"]),
                    tuple(lines.get(key, ())),
                )
            )
    return windows


def split(windows: Sequence[Window]) -> tuple[list[Window], list[Window]]:
    """(TUNE, EVAL) by VOD: every third VOD id in sorted order is EVAL."""
    videos = sorted({window.video for window in windows})
    held_out = {video for n, video in enumerate(videos) if n % 3 == 2}
    return (
        [w for w in windows if w.video not in held_out],
        [w for w in windows if w.video in held_out],
    )


class NaiveBayes:
    """Multinomial naive Bayes over lower-cased tokens: the learned comparison, trained on TUNE only."""

    def __init__(self, windows: Sequence[Window]) -> None:
        self.priors = Counter(w.kind for w in windows if w.kind)
        self.tokens: dict[str, Counter[str]] = defaultdict(Counter)
        for window in windows:
            if window.kind:
                for text in window.texts:
                    self.tokens[window.kind].update(set(text.casefold().split()))
        self.vocabulary = set().union(*self.tokens.values()) if self.tokens else set()

    def predict(self, texts: Sequence[str]) -> str:
        """The most likely kind of a window."""
        total = sum(self.priors.values())
        best, best_score = "funny", -math.inf
        for kind, prior in self.priors.items():
            counts = self.tokens[kind]
            size = sum(counts.values()) + len(self.vocabulary)
            score = math.log(prior / total)
            for text in texts:
                for token in set(text.casefold().split()):
                    if token in self.vocabulary:
                        score += math.log((counts[token] + 1) / size)
            if score > best_score:
                best, best_score = kind, score
        return best


def accuracy(windows: Sequence[Window], predict: object) -> tuple[float, int, Counter[tuple[str, str]]]:
    """Share of windows whose kind is predicted right, how many, and the confusion counts."""
    assert callable(predict)
    scored = [w for w in windows if w.kind]
    confusion: Counter[tuple[str, str]] = Counter()
    right = 0
    for window in scored:
        guess = predict(window.texts)
        confusion[(window.kind or "", guess)] += 1
        right += guess == window.kind
    return (right / len(scored) if scored else 0.0), len(scored), confusion


def main(argv: list[str] | None = None) -> int:
    """Load, split, and print accuracy on TUNE and EVAL."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED_DATA / "reactions")
    args = parser.parse_args(argv)
    if not (args.data / "windows.csv").is_file():
        print(f"reaction windows not found in {args.data}", file=sys.stderr)
        return 2
    windows = load_windows(args.data)
    tune, held = split(windows)
    majority = Counter(w.kind for w in tune if w.kind).most_common(1)[0][0]
    model = NaiveBayes(tune)
    videos = {name: len({w.video for w in part}) for name, part in (("TUNE", tune), ("EVAL", held))}
    print(f"{len(windows)} windows; TUNE {videos['TUNE']} VODs, EVAL {videos['EVAL']} VODs")
    for name, part in (("TUNE", tune), ("EVAL", held)):
        kinds = Counter(w.kind for w in part if w.kind)
        print(f"\n{name}: {sum(kinds.values())} windows with a kind {dict(sorted(kinds.items()))}")
        for label, predict in (
            ("lexicon (the Librarian's)", lambda texts: classify(texts)),
            (f"majority class ({majority})", lambda texts: majority),
            ("naive Bayes trained on TUNE", model.predict),
        ):
            share, count, confusion = accuracy(part, predict)
            print(f"  {label:30s} accuracy {share:.3f} ({count} windows)")
            if label.startswith("lexicon"):
                wrong = sorted(
                    ((n, pair) for pair, n in confusion.items() if pair[0] != pair[1]), reverse=True
                )
                print(
                    "    most confused (label -> guess): "
                    + ", ".join(f"{a}->{b} {n}" for n, (a, b) in wrong[:5])
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
