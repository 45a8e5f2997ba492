"""The learned intent model: a linear softmax classifier over hashed features of a DM.

The shipped file (``intent_model.bin``, made by ``tools/train_intents.py``) holds only numbers and the
intent labels: one int8 weight per (hash bucket, intent), a scale per intent and a bias per intent. No
n-gram or word is stored. Features, hashed with zlib.crc32 (stable across processes, unlike hash()):

* character 2- to 5-grams of each word padded by spaces, so "chronicalling", "wardn" and "sesh" still
  share most of their grams with what the corpus taught;
* word unigrams and bigrams, so word order ("stop" before "the stream") still counts.

Text is lower-cased, accents are dropped ("não" and "nao" are one word), URLs become one token and
digits one digit, so the model learns that a URL is there, not which.
"""

from __future__ import annotations

import functools
import math
import re
import struct
import unicodedata
import zlib
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

MODEL_FILE = "intent_model.bin"
MODE_MODEL_FILE = "mode_model.bin"  # the same kind of model, over the five modes: which one a DM means
NONE = "none"  # the label of harmless messages

_MAGIC = b"CHRINTNT"
_VERSION = 1
# magic, version, hash bits, class count, length of the label text, crc32 of the weights
_HEADER = struct.Struct("<8sBBHII")
# Which words the corpus had, as a bitmap of word hashes: a message made of words the model never saw
# (an emote wall, another language) is out of its depth, however sure its softmax looks.
SEEN_BITS = 16
_MAX_CHARS = 400  # features look at this much of a message: bounds the cost of a wall of text
_URL = re.compile(r"(?:https?://|www\.)\S+|\b\S+\.(?:com|gg|tv|net|org)/\S*")
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[a-z0-9_#@<>']+|[^\sa-z0-9]")
_SEED_CHAR = 0x1D0_0001
_SEED_WORD = 0x1D0_0002
_SEED_PAIR = 0x1D0_0003
_SEED_SEEN = 0x1D0_0004


class IntentModelError(ValueError):
    """The model file is missing, truncated, corrupted or of another version."""


def normalize(text: str) -> str:
    """Lower-case, accents dropped, URLs and digit runs collapsed: what the features are taken from."""
    text = _URL.sub(" urlx ", text[:_MAX_CHARS].lower())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _DIGITS.sub("0", text.replace("ß", "ss"))


def words(normalized: str) -> list[str]:
    """The words (and single symbols such as "?" or an emoji) of normalised text."""
    return _WORD.findall(normalized)


def features(text: str, bits: int) -> list[int]:
    """The hash buckets a DM lights up (repeats kept: a bucket seen twice counts twice)."""
    mask = (1 << bits) - 1
    crc = zlib.crc32
    found = words(normalize(text))
    out: list[int] = []
    for word in found:
        out.extend(_word_buckets(word, bits))
    out.extend(
        crc(f"{a} {b}".encode(errors="replace"), _SEED_PAIR) & mask
        for a, b in zip(found, found[1:], strict=False)
    )
    return out


# A DM is read whole, then clause by clause and sentence by sentence, and most of its words are common
# ones: hashing each word's character n-grams once, not once per reading, halves a long DM's cost.
@functools.lru_cache(maxsize=16384)
def _word_buckets(word: str, bits: int) -> tuple[int, ...]:
    """The buckets one word lights up: its character 2- to 5-grams (padded with spaces) and itself."""
    mask = (1 << bits) - 1
    crc = zlib.crc32
    padded = f" {word} ".encode(errors="replace")
    size = len(padded)
    grams = [crc(padded[i : i + n], _SEED_CHAR) & mask for n in (2, 3, 4, 5) for i in range(size - n + 1)]
    grams.append(crc(word.encode(errors="replace"), _SEED_WORD) & mask)
    return tuple(grams)


def word_hash(word: str) -> int:
    """A normalised word's place in the seen-words bitmap."""
    return zlib.crc32(word.encode(errors="replace"), _SEED_SEEN) & ((1 << SEEN_BITS) - 1)


def seen_bitmap(texts: list[str]) -> bytes:
    """The bitmap of every word of `texts` (alphabetic words only: symbols and digits say nothing)."""
    bits = bytearray(1 << (SEEN_BITS - 3))
    for text in texts:
        for word in words(normalize(text)):
            if word.isalpha():
                h = word_hash(word)
                bits[h >> 3] |= 1 << (h & 7)
    return bytes(bits)


def encode_model(
    labels: list[str], weights: bytes, scales: list[float], biases: list[float], bits: int, seen: bytes
) -> bytes:
    """The model file's bytes: header, labels, per-class scale and bias, seen words, int8 weights."""
    text = "\n".join(labels).encode("ascii")
    floats = struct.pack(f"<{2 * len(labels)}d", *scales, *biases)
    header = _HEADER.pack(_MAGIC, _VERSION, bits, len(labels), len(text), zlib.crc32(seen + weights))
    return header + text + floats + seen + weights


@dataclass(frozen=True)
class Prediction:
    """The likeliest intent ("mode.disable", "none", ...) and its probability."""

    label: str
    probability: float


class IntentModel:
    """Scores a DM against every intent: one dot product per intent over the hashed features."""

    def __init__(self, data: bytes) -> None:
        """Load a model from the bytes `encode_model` wrote."""
        if len(data) < _HEADER.size:
            raise IntentModelError("intent model file is truncated")
        magic, version, bits, count, text_size, checksum = _HEADER.unpack_from(data)
        if magic != _MAGIC or version != _VERSION:
            raise IntentModelError("not an intent model file of this version")
        at = _HEADER.size
        self.labels = data[at : at + text_size].decode("ascii").split("\n")
        at += text_size
        floats = struct.unpack_from(f"<{2 * count}d", data, at)
        at += 16 * count
        size = 1 << (SEEN_BITS - 3)
        self._seen = data[at : at + size]
        raw = data[at + size :]
        if len(self.labels) != count or len(raw) != count << bits or zlib.crc32(self._seen + raw) != checksum:
            raise IntentModelError("intent model file is corrupted")
        self.bits = bits
        self._scales = floats[:count]
        self._biases = floats[count:]
        weights = array("b", raw)
        # One row of weights per bucket, as a tuple: a DM's rows are summed column by column in C
        # (`zip`, `sum`), where adding them one by one in Python cost a long DM several milliseconds.
        self._rows = [tuple(weights[at : at + count]) for at in range(0, len(weights), count)]
        # One DM asks the same sentence several times (whole, per clause, per sentence, per guard): the
        # model reads each text once.
        self._read = functools.lru_cache(maxsize=512)(self._probabilities)

    @classmethod
    def from_path(cls, path: Path) -> IntentModel:
        """Load the model in `path`."""
        return cls(path.read_bytes())

    def familiar(self, text: str, also: Callable[[str], bool] = lambda _: False) -> float:
        """The share of the message's distinct words the corpus had, or `also` knows (a typo of a known
        word, say); 0.0 for a message without words."""
        found = list({w for w in words(normalize(text)) if w.isalpha()})
        if not found:
            return 0.0
        seen = self._seen
        known = sum(1 for w in found if seen[(h := word_hash(w)) >> 3] >> (h & 7) & 1 or also(w))
        return known / len(found)

    def knows(self, word: str) -> bool:
        """True when the corpus the model was trained on has the lower-cased, unaccented `word`."""
        h = word_hash(word)
        return bool(self._seen[h >> 3] >> (h & 7) & 1)

    def probabilities(self, text: str) -> dict[str, float]:
        """Every intent's probability for `text`."""
        return dict(self._read(text))

    def _probabilities(self, text: str) -> dict[str, float]:
        count = len(self.labels)
        buckets = features(text, self.bits)
        rows = self._rows
        picked = [rows[bucket] for bucket in buckets]
        sums = list(map(sum, zip(*picked, strict=True))) if picked else [0] * count
        norm = 1.0 / math.sqrt(len(buckets) or 1)  # a long message is not surer for being long
        logits = [
            s * scale * norm + bias for s, scale, bias in zip(sums, self._scales, self._biases, strict=True)
        ]
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}

    def predict(self, text: str) -> Prediction:
        """The likeliest intent for `text`."""
        probs = self.probabilities(text)
        label = max(probs, key=probs.__getitem__)
        return Prediction(label, probs[label])


@functools.cache
def shipped(name: str = MODEL_FILE) -> IntentModel | None:
    """A model shipped with the package, or None when it is absent (the rules then work alone)."""
    try:
        data = resources.files("chronicler.nlp.rules").joinpath(name).read_bytes()
    except (FileNotFoundError, OSError):
        return None
    return IntentModel(data)
