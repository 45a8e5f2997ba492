"""Train the built-in parser's intent model and write chronicler/nlp/rules/intent_model.bin.

Run from the repository root (``make intent-model``)::

    .venv/bin/python tools/train_intents.py [--out PATH] [--with-eval]

It learns from the TUNE split of the hand-written DM corpus in tools/dm_corpus/ (one file per
language), each template filled in and varied by bench/_dm_data.py (slang, typos, greetings and
rambling around the request, emoji, case). The EVAL split (a fifth of the templates) is never learned
from unless --with-eval is given (for a final file; the shipped one is trained on TUNE only, so the
figures bench/rules_parser.py prints stay honest).

A multinomial logistic regression over the hashed features of chronicler.nlp.rules._model (the very
code the parser scores with), trained with Adam on mini-batches in a fixed order: the same corpus gives
the same file byte for byte. Takes well under a minute.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    # Running as a script puts tools/ first on the path, not the repository root.
    sys.path.insert(0, str(REPO))

from bench import _dm_data as corpus  # noqa: E402
from chronicler.nlp.rules._model import (  # noqa: E402
    MODE_MODEL_FILE,
    MODEL_FILE,
    NONE,
    IntentModel,
    encode_model,
    features,
    seen_bitmap,
)  # noqa: E402

OUT = REPO / "chronicler" / "nlp" / "rules" / MODEL_FILE
SEED = 17
BITS = 14
FILLS = 20  # each template is filled and varied this many times
EPOCHS = 20
BATCH = 512
RATE = 0.02
L2 = 1e-6
NONE_WEIGHT = 1.5  # a harmless message read as a command costs more than a command missed


def _encode(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row starts, buckets, values) of the feature matrix, rows in order; values scaled by 1/sqrt(n)."""
    starts, cols, vals = [], [], []
    at = 0
    for text in texts:
        buckets = features(text, BITS) or [0]
        starts.append(at)
        cols.extend(buckets)
        vals.extend([1.0 / np.sqrt(len(buckets))] * len(buckets))
        at += len(buckets)
    return np.array(starts, dtype=np.int64), np.array(cols, dtype=np.int64), np.array(vals, dtype=np.float32)


def train(
    texts: list[str], labels: list[int], classes: int, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Weights (buckets x classes) and biases of a softmax regression, by Adam on mini-batches."""
    size = 1 << BITS
    w = np.zeros((size, classes), dtype=np.float32)
    b = np.zeros(classes, dtype=np.float32)
    mw, vw = np.zeros_like(w), np.zeros_like(w)
    mb, vb = np.zeros_like(b), np.zeros_like(b)
    order = list(range(len(texts)))
    shuffle = random.Random(SEED)
    encoded = [_encode([t]) for t in texts]
    y = np.array(labels)
    step = 0
    for _ in range(EPOCHS):
        shuffle.shuffle(order)
        for at in range(0, len(order), BATCH):
            batch = order[at : at + BATCH]
            parts = [encoded[i] for i in batch]
            lengths = np.array([len(p[1]) for p in parts])
            starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
            cols = np.concatenate([p[1] for p in parts])
            vals = np.concatenate([p[2] for p in parts])
            rows = np.repeat(np.arange(len(batch)), lengths)
            logits = np.add.reduceat(w[cols] * vals[:, None], starts, axis=0) + b
            logits -= logits.max(axis=1, keepdims=True)
            probs = np.exp(logits)
            probs /= probs.sum(axis=1, keepdims=True)
            probs[np.arange(len(batch)), y[batch]] -= 1.0
            probs *= weights[batch][:, None] / len(batch)
            gw = np.zeros_like(w)
            np.add.at(gw, cols, probs[rows] * vals[:, None])
            gw += L2 * w
            gb = probs.sum(axis=0)
            step += 1
            for p, g, m, v in ((w, gw, mw, vw), (b, gb, mb, vb)):
                m *= 0.9
                m += 0.1 * g
                v *= 0.999
                v += 0.001 * g * g
                p -= RATE * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return w, b


def _fit(texts: list[str], names: list[str], labels: list[str], weights: np.ndarray, seen: bytes) -> bytes:
    """Train on `texts` and return the quantised model file's bytes, with the `seen` words bitmap."""
    index = {name: i for i, name in enumerate(names)}
    w, b = train(texts, [index[label] for label in labels], len(names), weights)
    scales = np.maximum(np.abs(w).max(axis=0), 1e-9) / 127.0
    quantized = np.clip(np.round(w / scales), -127, 127).astype(np.int8)
    floats = [float(s) for s in scales]
    return encode_model(names, quantized.tobytes(), floats, [float(x) for x in b], BITS, seen)


def main() -> None:
    """Generate the corpus, train, quantise, write the file and say how it did."""
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--out", type=Path, default=OUT)
    args.add_argument("--with-eval", action="store_true", help="learn from the EVAL split too")
    options = args.parse_args()
    started = time.perf_counter()
    samples = list(corpus.samples("tune", seed=SEED, fills=FILLS))
    if options.with_eval:
        samples += list(corpus.samples("eval", seed=SEED, fills=FILLS))
    # The words the corpus has, as written (one plain fill of every line, and the slang it is typed
    # with): not the typo'd variants, whose made-up words would make everything look familiar.
    plain = [s.text for s in corpus.samples("tune", seed=SEED, fills=1)]
    seen = seen_bitmap(plain + corpus.vocabulary())
    names = sorted({s.label for s in samples})
    weights = np.array([NONE_WEIGHT if s.label == NONE else 1.0 for s in samples], dtype=np.float32)
    data = _fit([s.text for s in samples], names, [s.label for s in samples], weights, seen)
    options.out.write_bytes(data)
    # Which mode a DM means, learned from every DM that names or describes one.
    moded = [s for s in samples if "mode" in s.slots]
    mode_data = _fit(
        [s.text for s in moded],
        sorted({str(s.slots["mode"]) for s in moded}),
        [str(s.slots["mode"]) for s in moded],
        np.ones(len(moded), dtype=np.float32),
        seen,
    )
    options.out.with_name(MODE_MODEL_FILE).write_bytes(mode_data)
    model = IntentModel(data)
    right = sum(model.predict(s.text).label == s.label for s in samples)
    held = list(corpus.samples("eval", seed=SEED + 1, fills=4))
    held_right = sum(model.predict(s.text).label == s.label for s in held)
    print(
        f"{len(samples)} tune DMs, {len(names)} intents; model alone: tune {right / len(samples):.1%}, "
        f"eval {held_right / len(held):.1%} of {len(held)}; {len(data) // 1024} KiB to {options.out} "
        f"in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
