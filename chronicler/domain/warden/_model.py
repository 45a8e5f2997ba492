"""The Warden's learned component: a small logistic regression over hashed features of a message.

The shipped file (``warden_model.bin``, made by ``tools/train_warden.py``) holds only numbers: one
int8 weight per hash bucket, a scale and a bias. No n-gram, word or username is stored, so nothing
read during training can leak into the repository through it. Features, all hashed with zlib.crc32
(stable across processes, unlike Python's hash()):

* byte 3-, 4- and 5-grams of the normalised text (the first ``_MAX_BYTES`` bytes, padded by a
  space), which see through what normalisation leaves of "dis cord", "disc0rd", "dott org";
* word unigrams and bigrams;
* a few message features: a link-like token, an @mention, a handle-like word (letters with digits
  or an underscore), length and word-count buckets, emoji count, CJK text, first message in channel.

The char and word sums are each divided by the square root of their count, so a long message is not
more suspicious for being long. The cue a streamer reads comes from a short hand-written list of
scam families below plus the words of the message that pushed the score up most.
"""

from __future__ import annotations

import functools
import math
import re
import struct
import zlib
from array import array
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from chronicler.domain.warden._errors import WardenError
from chronicler.domain.warden._normalize import _CODE_TLDS, _WORD_TLDS

MODEL_FILE = "warden_model.bin"

_MAGIC = b"CHRWARDN"
_VERSION = 1
# magic, version, hash bits, scale, bias, raw weight count, crc32 of the raw weights
_HEADER = struct.Struct("<8sBBddII")
_MAX_BYTES = 600  # char n-grams look at this much of a message: bounds the cost of a wall of text
_NGRAMS = (3, 4, 5)

_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
# The top-level domains normalisation knows: the model was trained with exactly these.
_LINK = re.compile(rf"https?://|www\.|\b[a-z0-9][a-z0-9-]*\.(?:{_CODE_TLDS}|{_WORD_TLDS})\b")
_MENTION = re.compile(r"@\w")
# A login-like word: letters with a digit run or an underscore ("robin_22", "nightowl87").
_HANDLE = re.compile(r"\b(?=[a-z0-9_]*[a-z])(?:[a-z0-9]*_[a-z0-9_]*|[a-z_]+\d{2,}[a-z0-9_]*)\b")
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\u2764]")
# Shorter lines the gate still lets through: a link with a path ("u.to/abc") or Discord named.
_PATH_LINK = re.compile(r"\b[a-z0-9-]+\.[a-z]{2,6}/\w")
_DC = re.compile(r"\bdc\b")
_DIGIT_OR_UNDERSCORE = re.compile(r"[\d_]")
_GATE_MIN_CHARS = 14
_GATE_SENTENCE_CHARS = 40
_GATE_SENTENCE_WORDS = 5
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

# Separate hash families for words, bigrams and message features: crc32 seeded differently.
_SEED_WORD = 0x5EED_0001
_SEED_BIGRAM = 0x5EED_0002
_SEED_META = 0x5EED_0003


class ModelFileError(WardenError, ValueError):
    """The model file is missing, truncated, corrupted or of another version."""


@dataclass(frozen=True)
class ModelSignal:
    """What the model says about one message: a probability and, in words, why."""

    score: float
    cue: str  # "reads like the 'add me on Discord' follow scam ('add me', 'discord')"


# Scam families a streamer recognises, in the order they are tried. Each is (cue, stems): a stem
# matches the message squeezed to letters and digits with leet undone, so "dis-cord" and "disc0rd"
# both read "discord". Hand-written here, not learned, so the file stays numbers only.
_FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # "scord" also catches what normalisation leaves of "ðiscord", "dlscord", "diiscord".
    ("reads like the 'add me on Discord' follow scam", ("scord", "disrd", "discrd", "dizcord")),
    (
        "reads like adult bait pointing to a profile link",
        (
            "onlyfans",
            "nudes",
            "sexy",
            "horny",
            "18+",
            "naughty",
            "mybio",
            "inbio",
            "myprofile",
            "nsfw",
            "singles",
        ),
    ),
    (
        "reads like a crypto / easy-money scheme",
        (
            "crypto",
            "bitcoin",
            "btc",
            "usdt",
            "ethereum",
            "forex",
            "easymoney",
            "passiveincome",
            "invest",
            "trading",
        ),
    ),
    (
        "reads like a fake giveaway",
        ("giveaway", "givingaway", "freeskins", "nitro", "giftcard", "claimyour", "youwon", "robux"),
    ),
    (
        "reads like a viewer-selling ad",
        (
            "viewer",
            "follower",
            "primes",
            "viewbot",
            "rankings",
            "growyour",
            "boostyour",
            "audience",
            "popular",
        ),
    ),
    (
        "reads like a paid-services pitch (promotion, art, editing)",
        ("promot", "overlay", "emotes", "portfolio", "commission", "editor", "editing", "graphicdesign"),
    ),
    ("reads like self-promotion", ("mychannel", "checkout", "subscribe", "followme", "mystream")),
)
_DISCORD_SHORT = re.compile(r"\b(?:dc|disc)\b")
# Words too common to explain anything on their own; quoted only inside a pair.
_PLAIN = frozenset(
    "a an and the to of on in at is it i im m me my you your we our for with be this that".split()
)
_FALLBACK_CUE = "reads like the spam it learned from"
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "$": "s", "@": "a"})
_NOT_ALNUM = re.compile(r"[^a-z0-9+]")


def _char_ngrams(normalized: str, mask: int) -> list[int]:
    """Hash buckets of the byte 3..5-grams of the padded text."""
    data = (" " + normalized + " ").encode("utf-8")[:_MAX_BYTES]
    crc = zlib.crc32
    size = len(data)
    return [crc(data[i : i + n]) & mask for n in _NGRAMS for i in range(size - n + 1)]


def _words(normalized: str) -> list[str]:
    """Word tokens, digit runs folded to one '0' so every 'name_123' handle shares a shape."""
    return [_DIGITS.sub("0", word) for word in _WORD.findall(normalized)]


def _word_buckets(words: list[str], mask: int) -> list[int]:
    """Hash buckets of the word unigrams and bigrams."""
    crc = zlib.crc32
    encoded = [word.encode("utf-8") for word in words]
    buckets = [crc(word, _SEED_WORD) & mask for word in encoded]
    buckets.extend(crc(a + b" " + b, _SEED_BIGRAM) & mask for a, b in zip(encoded, encoded[1:], strict=False))
    return buckets


def _bucket(value: int, edges: tuple[int, ...]) -> int:
    """Index of the first edge `value` is below (len(edges) when above them all)."""
    for index, edge in enumerate(edges):
        if value < edge:
            return index
    return len(edges)


def message_features(normalized: str, *, first_message: bool) -> list[str]:
    """The named message-level features that hold for this text (each is worth 1)."""
    names = [
        f"len:{_bucket(len(normalized), (20, 50, 100, 200, 400))}",
        f"words:{_bucket(normalized.count(' ') + 1, (3, 6, 12, 25, 50))}",
        f"emoji:{_bucket(len(_EMOJI.findall(normalized)), (1, 3))}",
    ]
    if first_message:
        names.append("first")
    if _LINK.search(normalized):
        names.append("link")
    if _MENTION.search(normalized):
        names.append("mention")
    if _HANDLE.search(normalized):
        names.append("handle")
    if _CJK.search(normalized):
        names.append("cjk")
    return names


def _meta_buckets(names: list[str], mask: int) -> list[int]:
    """Hash buckets of the named message features."""
    return [zlib.crc32(name.encode("ascii"), _SEED_META) & mask for name in names]


@dataclass(frozen=True)
class Features:
    """The hashed features of one message, by family (how the trainer and the scorer see it)."""

    chars: list[int]
    words: list[int]
    meta: list[int]


def features(normalized: str, *, first_message: bool, bits: int) -> Features:
    """Every hashed feature of a normalised message for a table of 2**bits buckets."""
    mask = (1 << bits) - 1
    return Features(
        _char_ngrams(normalized, mask),
        _word_buckets(_words(normalized), mask),
        _meta_buckets(message_features(normalized, first_message=first_message), mask),
    )


def encode_model(quantized: bytes, *, bits: int, scale: float, bias: float) -> bytes:
    """The model file's bytes: a header, then the int8 weights zlib-compressed."""
    if len(quantized) != 1 << bits:
        raise ValueError(f"expected {1 << bits} int8 weights, got {len(quantized)}")
    header = _HEADER.pack(_MAGIC, _VERSION, bits, scale, bias, len(quantized), zlib.crc32(quantized))
    return header + zlib.compress(quantized, 9)


class SpamModel:
    """A logistic regression over hashed features of a normalised chat message; pure Python at run time."""

    def __init__(self, data: bytes) -> None:
        """Read a model file's bytes; raises ModelFileError when they are not a usable model."""
        if len(data) < _HEADER.size:
            raise ModelFileError(
                f"Warden model file is truncated: {len(data)} bytes, header needs {_HEADER.size}"
            )
        magic, version, bits, scale, bias, count, checksum = _HEADER.unpack_from(data)
        if magic != _MAGIC:
            raise ModelFileError("not a Warden model file (wrong magic bytes)")
        if version != _VERSION:
            raise ModelFileError(f"Warden model file version {version}, this code reads version {_VERSION}")
        if not 8 <= bits <= 24 or count != 1 << bits:
            raise ModelFileError(f"Warden model file is inconsistent: {count} weights for {bits} hash bits")
        try:
            raw = zlib.decompress(data[_HEADER.size :])
        except zlib.error as error:
            raise ModelFileError(f"Warden model file is corrupted: {error}") from error
        if len(raw) != count or zlib.crc32(raw) != checksum:
            raise ModelFileError("Warden model file is corrupted: its weights fail their checksum")
        if not (math.isfinite(scale) and math.isfinite(bias)):
            raise ModelFileError("Warden model file is corrupted: scale or bias is not a number")
        self.bits: int = bits
        self._mask = (1 << bits) - 1
        self._scale: float = scale
        self._bias: float = bias
        # An array, not a list: the garbage collector never walks its 262k slots (a list of them
        # cost every chat message ~0.4 µs in bench/ingest.py), and indexing it is as fast.
        self._weights: array[int] = array("b", raw)

    @classmethod
    def from_path(cls, path: Path) -> SpamModel:
        """A model read from a file on disk."""
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ModelFileError(f"cannot read the Warden model file {path}: {error}") from error
        return cls(data)

    @classmethod
    def load(cls) -> SpamModel:
        """The model shipped with the package (read once, then shared)."""
        return _shipped()

    def _logit(self, normalized: str, first_message: bool) -> float:
        """The raw score (log-odds) of a normalised message."""
        found = features(normalized, first_message=first_message, bits=self.bits)
        weight = self._weights.__getitem__
        total = float(sum(map(weight, found.meta)))
        if found.chars:
            total += sum(map(weight, found.chars)) / math.sqrt(len(found.chars))
        if found.words:
            total += sum(map(weight, found.words)) / math.sqrt(len(found.words))
        return self._bias + self._scale * total

    def score(self, normalized: str, *, first_message: bool) -> float:
        """The probability (0..1) that this normalised message is spam."""
        return _sigmoid(self._logit(normalized, first_message))

    def explain(self, normalized: str, *, first_message: bool) -> ModelSignal:
        """The score and a cue in words: the scam family it resembles and the words that weighed most."""
        return ModelSignal(self.score(normalized, first_message=first_message), self._cue(normalized))

    def worth_scoring(self, normalized: str) -> bool:
        """Cheap gate: False for the bulk of chat (short lines, emotes repeated) so ingest stays fast.

        About one real chat line in eight passes: sentences of some length, and shorter lines that
        carry a handle, a link or the word Discord (short scams are "discord: name_22").
        """
        if len(normalized) < _GATE_MIN_CHARS:
            return False
        words = set(normalized.split())
        if len(words) < 2:
            return False
        if len(normalized) >= _GATE_SENTENCE_CHARS and len(words) >= _GATE_SENTENCE_WORDS:
            return True
        # Cheapest tests first: most chat has no dot, no digit and no underscore at all.
        if "." in normalized and (_LINK.search(normalized) or _PATH_LINK.search(normalized)):
            return True
        if "cord" in normalized or _DC.search(normalized) is not None:
            return True
        return _DIGIT_OR_UNDERSCORE.search(normalized) is not None and _HANDLE.search(normalized) is not None

    def _cue(self, normalized: str) -> str:
        """Family phrase plus up to three words (or word pairs) of the message that pushed the score up."""
        squeezed = _NOT_ALNUM.sub("", normalized.translate(_LEET))
        if _DISCORD_SHORT.search(normalized):
            squeezed += "discord"  # "my dc is ...", "my disc: ..." name Discord too
        phrase = next(
            (cue for cue, stems in _FAMILIES if any(stem in squeezed for stem in stems)), _FALLBACK_CUE
        )
        top = self.top_words(normalized)
        return f"{phrase} ({', '.join(repr(word) for word in top)})" if top else phrase

    def top_words(self, normalized: str, limit: int = 3) -> list[str]:
        """The words and word pairs of the message with the largest positive weight, strongest first."""
        raw = _WORD.findall(normalized)
        words = [_DIGITS.sub("0", word) for word in raw]
        mask = self._mask
        candidates: dict[str, int] = {}
        for index, word in enumerate(words):
            bucket = zlib.crc32(word.encode("utf-8"), _SEED_WORD) & mask
            candidates.setdefault(raw[index], self._weights[bucket])
            if index:
                pair = (words[index - 1] + " " + word).encode("utf-8")
                bucket = zlib.crc32(pair, _SEED_BIGRAM) & mask
                candidates.setdefault(raw[index - 1] + " " + raw[index], self._weights[bucket])
        ranked = sorted(
            (item for item in candidates.items() if item[1] > 0 and _telling(item[0])),
            key=lambda item: -item[1],
        )
        chosen: list[str] = []
        for text, _ in ranked:
            # A pair already says what its words say: do not quote "add me" and then "add".
            if any(text in other.split() or other in text.split() for other in chosen):
                continue
            chosen.append(text)
            if len(chosen) == limit:
                break
        return chosen


def _telling(text: str) -> bool:
    """Whether a word or word pair is worth quoting: not only filler words like 'me on' or 'i m'."""
    return any(word not in _PLAIN and len(word) > 1 for word in text.split())


def _sigmoid(value: float) -> float:
    """The logistic function, safe for large magnitudes."""
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


@functools.cache
def _shipped() -> SpamModel:
    """The packaged model, read once per process."""
    try:
        data = resources.files("chronicler.domain.warden").joinpath(MODEL_FILE).read_bytes()
    except OSError as error:
        raise ModelFileError(f"the shipped Warden model ({MODEL_FILE}) cannot be read: {error}") from error
    return SpamModel(data)
