"""Fit the Librarian's "is this fast-chat burst a reaction?" model and print (or write) its weights.

Run from the repository root::

    .venv/bin/python tools/fit_burst_model.py [--write]

Reads the labelled fast-chat windows of ../shared/data/reactions and keeps the TUNE VODs of
bench/reactions.py's split only: EVAL is never read here, so the figures bench/librarian.py prints
for EVAL stay honest. A window with a reaction label is a positive, "special topic" and "other" are
negatives. Each window's messages go through `ChatTally` (the very code the detector scores with),
and a logistic regression with a little L2 is fit by Newton's method on standardised features: the
same data gives the same weights. Prints leave-one-VOD-out figures (the mean per-VOD AUC and
precision@10 of chat rate x the model's chance), then the weights; `--write` puts them
into chronicler/domain/librarian/_burst.py in place of the old ones.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    # Running as a script puts tools/ first on the path, not the repository root.
    sys.path.insert(0, str(REPO))

from bench.reactions import LABEL_KINDS, SHARED_DATA, Window, load_windows, split  # noqa: E402
from chronicler.domain.librarian._burst import FEATURES, tally_chat  # noqa: E402

MODULE = REPO / "chronicler" / "domain" / "librarian" / "_burst.py"
L2 = 1.0  # on standardised features: a little, so that a rare feature (clip calls) stays modest
STEPS = 50


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression, on the features' own scale."""
    mean, spread = x.mean(axis=0), x.std(axis=0)
    spread[spread == 0] = 1.0
    z = np.hstack([(x - mean) / spread, np.ones((len(x), 1))])
    theta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], L2)
    penalty[-1] = 0.0  # the bias is not shrunk
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-z @ theta))
        gradient = z.T @ (p - y) + penalty * theta
        hessian = (z.T * (p * (1 - p))) @ z + np.diag(penalty)
        theta -= np.linalg.solve(hessian, gradient)
    weights = theta[:-1] / spread
    return weights, float(theta[-1] - mean @ weights)


def _matrix(windows: Sequence[Window]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([tally_chat(window.texts).features() for window in windows])
    y = np.array([window.label in LABEL_KINDS for window in windows], dtype=float)
    return x, y


def _auc(positives: np.ndarray, negatives: np.ndarray) -> float:
    wins = (positives[:, None] > negatives[None, :]).sum() + 0.5 * (positives[:, None] == negatives).sum()
    return float(wins / (len(positives) * len(negatives)))


def cross_validate(windows: Sequence[Window]) -> tuple[float, float]:
    """Leave one VOD out: mean per-VOD AUC of the model, and precision@10 of rate x its chance."""
    x, y = _matrix(windows)
    videos = np.array([window.video for window in windows])
    rates = np.array([len(w.texts) / max(w.end - w.start, 1.0) for w in windows])
    aucs, precisions = [], []
    for video in sorted(set(videos)):
        held = videos == video
        weights, bias = fit(x[~held], y[~held])
        chance = 1 / (1 + np.exp(-(x[held] @ weights + bias)))
        labels = y[held].astype(bool)
        if labels.any() and not labels.all():
            aucs.append(_auc(chance[labels], chance[~labels]))
        if held.sum() >= 10:
            key = rates[held] * chance
            top = np.argsort(-key, kind="stable")[:10]
            precisions.append(float(labels[top].mean()))
    return float(np.mean(aucs)), float(np.mean(precisions))


def main(argv: list[str] | None = None) -> int:
    """Fit on TUNE, print the figures and the weights, and write them with --write."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED_DATA / "reactions")
    parser.add_argument("--write", action="store_true", help=f"rewrite the weights in {MODULE.name}")
    args = parser.parse_args(argv)
    if not (args.data / "windows.csv").is_file():
        print(f"reaction windows not found in {args.data}", file=sys.stderr)
        return 2
    tune, _ = split(load_windows(args.data))
    auc, precision = cross_validate(tune)
    print(f"TUNE: {len(tune)} windows of {len({w.video for w in tune})} VODs")
    print(f"leave one VOD out: AUC {auc:.3f} per VOD, precision@10 of rate x chance {precision:.2f}")
    x, y = _matrix(tune)
    weights, bias = fit(x, y)
    block = (
        "WEIGHTS: tuple[float, ...] = ("
        + ", ".join(f"{w:.3f}" for w in weights)
        + ")\n"
        + f"BIAS = {bias:.3f}\n"
    )
    for name, weight in zip(FEATURES, weights, strict=True):
        print(f"  {name:12s} {weight:+.3f}")
    print(block, end="")
    if args.write:
        text = MODULE.read_text(encoding="utf-8")
        text, count = re.subn(r"WEIGHTS: tuple\[float, \.\.\.\] = \([^)]*\)\nBIAS = [-0-9.]+\n", block, text)
        if count != 1:
            print(f"the weights were not found in {MODULE}", file=sys.stderr)
            return 1
        MODULE.write_text(text, encoding="utf-8")
        print(f"written to {MODULE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
