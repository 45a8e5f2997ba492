"""Train the Warden's model and write chronicler/domain/warden/warden_model.bin.

Run from the repository root (``make warden-model``)::

    .venv/bin/python tools/train_warden.py [--out PATH] [--corpus-only]

How the shipped file was made: this script, with ../shared/data present, on the defaults below
(seed 16, 2**18 hash buckets). It learns from

1. the hand-written corpus in tools/warden_corpus/ (spam.txt, ham.txt): each spam line is filled in
   several times with invented handles, names and domains, its "Discord" and its domain dots
   written the ways spammers write them (spaced, leet, homoglyphs, "dott", "remove the space");
2. when ../shared/data is there, only the TUNE half of each real set (the split lives in
   bench/_warden_data.py and is shared with bench/warden_eval.py): the spam campaigns and the
   blocklist strings (spam and their few ham lines), the YouTube comments, and as ham up to 20,000
   lines of the tune half of every chat log, of the reaction windows and of the moderation log.
   The scam conversations are not learned from: most of their turns are small talk ("how's the day
   going?") that is only a scam in context; they are for evaluation.

Without ../shared/data (or with --corpus-only) it trains on the corpus alone; such a file catches
the spam as well but is NOT fit to ship: measured by bench/warden_eval.py it falsely flags about
180 of every 5,000 real chat lines (the real chat is what teaches it what ordinary chat looks like),
against well under one for the shipped file.

Everything is deterministic: a fixed seed for the fills and full-batch training (Adam, numpy), so
the same inputs give the same file byte for byte. Takes under a minute on two cores.

Messages go through chronicler.domain.warden.normalize and the very feature code the product uses
(chronicler.domain.warden._model.features), so training and scoring cannot drift apart.
"""

from __future__ import annotations

import argparse
import random
import re
import string
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    # Running as a script puts tools/ first on the path, not the repository root.
    sys.path.insert(0, str(REPO))

from bench import _warden_data as real  # noqa: E402
from chronicler.domain.warden import normalize  # noqa: E402
from chronicler.domain.warden._model import MODEL_FILE, SpamModel, encode_model, features  # noqa: E402

CORPUS = REPO / "tools" / "warden_corpus"
OUT = REPO / "chronicler" / "domain" / "warden" / MODEL_FILE
SEED = 16
BITS = 18
SPAM_FILLS = 8  # each spam template is filled in this many times
HAM_FILLS = 2
CHAT_SAMPLE = 20_000  # at most this many tune-half lines of each chat log
ITERATIONS = 260
LEARNING_RATE = 0.05
L2 = 1e-5
SPAM_SHARE = 0.1  # spam's share of the total training weight
CORPUS_HAM_WEIGHT = 4.0  # a hand-written hard-ham line counts this many times an ordinary chat line
REAL_SPAM_WEIGHT = 3.0  # a real tune-half spam line counts this many times a corpus fill

# Invented parts for the fills. None of these is a real account or a real site of ../shared/data.
_SYLLABLES = "ka zo mi ru te vo la xi ne po da fe gu ri sa to ve lo mu qi ze ny ba co".split()
_WORDS = (
    "shadow nova pixel storm frost blaze ghost lunar echo raven viper turbo neon cyber night drift"
    " crown hype wave star king mystic iron silver rogue zen alpha omega sonic blitz"
).split()
_NAMES = (
    "Milo Quinn Hugo Charlie Jake Emma Mia Lucas Noah Grace Leo Ava Iris Chris Dan Lily Ella Ryan Zoe"
    " Kevin Mark Remy Nina Omar Ivan Otto Rosa Tina Victor Wendy"
).split()
_DOMAIN_STEMS = "stream view grow fame rank live chat boost follow viewer twitch star".split()
_TLDS = "com net org xyz biz store shop site online top fun ru io pro live club click space icu".split()
_SHORTENERS = "bit.ly cutt.ly tinyurl.com t.ly is.gd rb.gy shorturl.at u.to clck.ru".split()
_EMOJI = ["👉", "👉👉", "😊", "🔥", "💜", "👑", "🤗", "❤️", "🥰", "✨", "👋", "🫵", "😁", "🙏", "", "", ""]
_DISCORD = [
    "Discord", "discord", "DISCORD", "Discord", "discord", "Dis cord", "Dis     cord", "Disc0rd", "dis-cord",
    "Dis.cord", "Disc 0rd", "DC", "dc", "Dis c0rd", "d i s c o r d", "Dlscord", "D!scord", "Discоrd",
    "Dls cord", "disc", "𝗗𝗶𝘀𝗰𝗼𝗿𝗱", "Disrd", "DlSCORD", "dis. cord", "d.i.s.c.o.r.d",
]  # fmt: skip
_DOTS = [".", ".", " .", ". ", " . ", " dot ", " dott ", "(.)", "[dot]", " (dot) ", "*", "**", "_", " DOT "]
# Cyrillic and other look-alikes, the way viewer-selling waves write their domains.
_LOOKALIKE = str.maketrans({"a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "i": "і", "x": "х", "y": "у"})
_BOLD = {ch: chr(0x1D5EE + i) for i, ch in enumerate(string.ascii_lowercase)}  # sans-serif bold a-z
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Example:
    """One training message, already normalised."""

    text: str
    spam: bool
    first_message: bool
    weight: float


def _handle(rng: random.Random) -> str:
    """An invented login-like name: 'ravenzo_412', 'kamiru88', 'frost_te'."""
    stem = rng.choice(_WORDS) if rng.random() < 0.5 else "".join(rng.sample(_SYLLABLES, rng.randint(2, 3)))
    tail = rng.choice(["_", "", "", "."]) + rng.choice(
        [str(rng.randint(1, 9999)), str(rng.randint(10, 99)), rng.choice(_SYLLABLES), "gaming", "tv", ""]
    )
    handle = (stem + tail).strip("._") or stem
    return handle.upper() if rng.random() < 0.15 else handle


def _domain(rng: random.Random) -> str:
    """An invented site name: a growth word and made-up syllables ('viewkazo', 'rinestream')."""
    made_up = "".join(rng.sample(_SYLLABLES, rng.randint(1, 2)))
    stem = rng.choice(_DOMAIN_STEMS)
    name = stem + made_up if rng.random() < 0.6 else made_up + stem
    roll = rng.random()
    if roll < 0.15:
        return name.translate(_LOOKALIKE)
    if roll < 0.25:
        return "".join(_BOLD.get(ch, ch) for ch in name)
    if roll < 0.32:
        return " ".join(name)  # "v i e w k a z o"
    if roll < 0.40:
        cut = rng.randint(1, max(1, len(name) - 2))
        return name[:cut] + "**" + name[cut + 2 :]  # starred out
    return name.upper() if roll < 0.5 else name


def _count(rng: random.Random) -> str:
    """A follower count the way the scams write it."""
    return rng.choice(
        [
            f"{rng.randint(50, 999)}.{rng.randint(0, 9)}K",
            f"{rng.randint(20, 900)}k",
            f"{rng.randint(1, 3)}m",
            f"{rng.randint(1, 3)} million",
            f"{rng.randint(10, 99)},000",
            "thousands of",
        ]
    )


def _fill(template: str, rng: random.Random) -> str:
    """One filled-in copy of a corpus line."""

    def value(match: re.Match[str]) -> str:
        key = match.group(1)
        if key == "handle":
            return _handle(rng)
        if key == "name":
            return rng.choice(_NAMES)
        if key == "domain":
            return _domain(rng)
        if key == "tld":
            tld = rng.choice(_TLDS)
            return tld.upper() if rng.random() < 0.2 else tld
        if key == "dot":
            return rng.choice(_DOTS)
        if key == "count":
            return _count(rng)
        if key == "discord":
            return rng.choice(_DISCORD)
        if key == "emoji":
            return rng.choice(_EMOJI)
        if key == "shortener":
            code = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(rng.randint(5, 7)))
            return f"{rng.choice(_SHORTENERS)}/{code}"
        raise ValueError(f"unknown placeholder {{{key}}} in the corpus")

    text = _PLACEHOLDER.sub(value, template)
    roll = rng.random()
    if roll < 0.08:
        text = text.upper()
    elif roll < 0.16:
        text = text.lower()
    if rng.random() < 0.1:
        # Spam waves pad with runs of spaces; normalisation collapses them, the bytes stay honest.
        text = text.replace(" ", "   ", rng.randint(1, 3))
    return text


def _lines(path: Path) -> list[str]:
    """The non-comment, non-blank lines of a corpus file."""
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def corpus_examples(rng: random.Random) -> Iterator[Example]:
    """The hand-written corpus, filled in."""
    for template in _lines(CORPUS / "spam.txt"):
        for _ in range(SPAM_FILLS):
            yield Example(normalize(_fill(template, rng)), True, rng.random() < 0.6, 1.0)
    for template in _lines(CORPUS / "ham.txt"):
        fills = HAM_FILLS if "{" in template else 1
        for _ in range(fills):
            yield Example(normalize(_fill(template, rng)), False, rng.random() < 0.5, CORPUS_HAM_WEIGHT)


def _sample(lines: Iterable[real.ChatLine], limit: int) -> list[real.ChatLine]:
    """Up to `limit` tune-half lines, spread evenly over the log."""
    tune = [line for line in lines if line.half == real.TUNE]
    step = max(1, -(-len(tune) // limit))
    return tune[::step][:limit]


def real_examples() -> Iterator[Example]:
    """The TUNE half of the real data in ../shared/data."""
    for row in real.campaign_rows() + real.blocklist_rows():
        if row.half == real.TUNE:
            yield Example(
                normalize(row.text), row.spam, True, REAL_SPAM_WEIGHT if row.spam else CORPUS_HAM_WEIGHT
            )
    for comment in real.youtube_rows():
        if comment.half == real.TUNE:
            yield Example(normalize(comment.text), comment.spam, True, 1.0)
    logs = [list(real.chat_lines(path)) for path in real.chat_logs()]
    logs.append(list(real.reaction_lines()))
    for lines in logs:
        for line in _sample(lines, CHAT_SAMPLE):
            yield Example(normalize(line.text), False, line.first_message, 1.0)
    moderation = [line for line in real.moderation_lines() if line.half == real.TUNE]
    for item in moderation[:CHAT_SAMPLE]:
        yield Example(normalize(item.text), False, False, 1.0)


def dedupe(examples: Iterable[Example]) -> list[Example]:
    """One example per (text, label, first message); chat repeats its emotes thousands of times."""
    seen: dict[tuple[str, bool, bool], Example] = {}
    for example in examples:
        if not example.text:
            continue
        key = (example.text, example.spam, example.first_message)
        if key not in seen or example.weight > seen[key].weight:
            seen[key] = example
    return list(seen.values())


@dataclass(frozen=True)
class Matrix:
    """The training set as sparse coordinates: value `vals[k]` at (rows[k], cols[k])."""

    rows: np.ndarray
    cols: np.ndarray
    vals: np.ndarray
    labels: np.ndarray
    weights: np.ndarray


def build(examples: list[Example], spam_share: float) -> Matrix:
    """Hash every example with the product's own feature code."""
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for index, example in enumerate(examples):
        found = features(example.text, first_message=example.first_message, bits=BITS)
        for bucket_list, value in (
            (found.chars, 1.0 / np.sqrt(len(found.chars)) if found.chars else 0.0),
            (found.words, 1.0 / np.sqrt(len(found.words)) if found.words else 0.0),
            (found.meta, 1.0),
        ):
            rows.extend([index] * len(bucket_list))
            cols.extend(bucket_list)
            vals.extend([value] * len(bucket_list))
    labels = np.array([example.spam for example in examples], dtype=np.float64)
    weights = np.array([example.weight for example in examples], dtype=np.float64)
    # Rebalance: spam gets `spam_share` of the total weight, whatever the counts.
    spam_total = weights[labels == 1].sum()
    ham_total = weights[labels == 0].sum()
    weights[labels == 1] *= spam_share / spam_total
    weights[labels == 0] *= (1 - spam_share) / ham_total
    return Matrix(
        np.array(rows, dtype=np.int64),
        np.array(cols, dtype=np.int64),
        np.array(vals, dtype=np.float64),
        labels,
        weights,
    )


def train(matrix: Matrix, l2: float) -> tuple[np.ndarray, float]:
    """Weighted, L2-regularised logistic regression by full-batch Adam: (weights, bias)."""
    size = 1 << BITS
    count = len(matrix.labels)
    w = np.zeros(size)
    b = 0.0
    m_w, v_w = np.zeros(size), np.zeros(size)
    m_b = v_b = 0.0
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, ITERATIONS + 1):
        logits = np.bincount(matrix.rows, weights=w[matrix.cols] * matrix.vals, minlength=count) + b
        probs = 1.0 / (1.0 + np.exp(-logits))
        residual = (probs - matrix.labels) * matrix.weights
        grad_w = (
            np.bincount(matrix.cols, weights=residual[matrix.rows] * matrix.vals, minlength=size) + l2 * w
        )
        grad_b = float(residual.sum())
        m_w = beta1 * m_w + (1 - beta1) * grad_w
        v_w = beta2 * v_w + (1 - beta2) * grad_w * grad_w
        m_b = beta1 * m_b + (1 - beta1) * grad_b
        v_b = beta2 * v_b + (1 - beta2) * grad_b * grad_b
        correction1, correction2 = 1 - beta1**step, 1 - beta2**step
        w -= LEARNING_RATE * (m_w / correction1) / (np.sqrt(v_w / correction2) + eps)
        b -= LEARNING_RATE * (m_b / correction1) / (np.sqrt(v_b / correction2) + eps)
        if step % 50 == 0 or step == ITERATIONS:
            loss = -float(
                (
                    matrix.weights
                    * (
                        matrix.labels * np.log(probs + 1e-12)
                        + (1 - matrix.labels) * np.log(1 - probs + 1e-12)
                    )
                ).sum()
            )
            print(f"  step {step:4d}: weighted log-loss {loss:.5f}")
    return w, b


def quantize(w: np.ndarray) -> tuple[bytes, float]:
    """int8 weights and their scale (the largest weight maps to 127).

    Not clipped: the largest weights are the few message features (first message, a link), which
    matter most; the many small n-gram weights lose a little precision, which their sums average out.
    """
    limit = float(np.abs(w).max()) or 1.0
    scale = limit / 127.0
    quantized = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
    return quantized.tobytes(), scale


def main() -> int:
    """Train and write the model file."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the model file")
    parser.add_argument("--corpus-only", action="store_true", help="ignore ../shared/data even when present")
    parser.add_argument(
        "--spam-share", type=float, default=SPAM_SHARE, help="spam's share of the training weight"
    )
    parser.add_argument("--l2", type=float, default=L2, help="L2 penalty on the weights")
    args = parser.parse_args()
    started = time.perf_counter()
    rng = random.Random(SEED)
    examples = list(corpus_examples(rng))
    with_real = real.DATA.is_dir() and not args.corpus_only
    if with_real:
        examples.extend(real_examples())
    else:
        print(f"train_warden: no shared data at {real.DATA.resolve()}, training on the corpus alone")
    examples = dedupe(examples)
    spam = sum(example.spam for example in examples)
    print(f"train_warden: {len(examples)} examples ({spam} spam, {len(examples) - spam} ham)")
    matrix = build(examples, args.spam_share)
    print(f"  {len(matrix.cols):,} feature occurrences, built in {time.perf_counter() - started:.1f}s")
    w, b = train(matrix, args.l2)
    quantized, scale = quantize(w)
    data = encode_model(quantized, bits=BITS, scale=scale, bias=b)
    model = SpamModel(data)  # the file must read back
    hits = sum(model.score(e.text, first_message=e.first_message) >= 0.5 for e in examples if e.spam)
    false = sum(model.score(e.text, first_message=e.first_message) >= 0.5 for e in examples if not e.spam)
    print(f"  on its own training set: {hits}/{spam} spam scored >= 0.5, {false} ham scored >= 0.5")
    args.out.write_bytes(data)
    print(f"train_warden: wrote {args.out} ({len(data):,} bytes) in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
