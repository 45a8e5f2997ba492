"""The Warden's learned model: the shipped file, its scores, its gate and its cue."""

from __future__ import annotations

import struct
from importlib import resources
from pathlib import Path

import pytest

from chronicler.domain.warden import normalize
from chronicler.domain.warden._errors import WardenError
from chronicler.domain.warden._model import MODEL_FILE, ModelFileError, ModelSignal, SpamModel, encode_model

# Invented spam in the shapes the model was built for; no handle or domain here is a real one.
SPAM = [
    "Add me on Discord: lumo_kraft88",
    "hey streamer i love your stream so i gave you a follow, kindly add me on dis cord: feyra_0042",
    "Yo bro I dropped a follow, I can connect you with a big streamer with 420k followers who helps "
    "small streamers grow. Add him on Disc0rd: brixo_tv and tell him Nate sent you",
    "@pixel_wren get more viewers viewtaloka . xyz",
    "Best viewers and followers on growzumi .shop (remove the space)",
    "check my bio for my private pics, lonely tonight 😘",
    "easy money with our crypto trading bot, turn $100 into $2000 in a day, dm me on telegram",
]
# Invented ordinary chat that shares words with spam: money, dating, Windows, Discord questions.
HAM = [
    "do you have a discord server for the community?",
    "is the discord link in the panels below the stream?",
    "I finally got paid today, so I bought the battle pass",
    "my sister met her boyfriend on a dating app, they are so cute",
    "go to settings, then system, then display and turn off night light",
    "someone in chat asked about onlyfans and the mods laughed",
    "thanks for the raid everyone, welcome raiders, grab a snack",
    "that boss fight was insane, gg chat",
    "hallo zusammen, wie geht es euch heute?",
    "主播好厉害，这把稳了",
]


@pytest.fixture(scope="module")
def model() -> SpamModel:
    """The shipped model."""
    return SpamModel.load()


def _shipped_bytes() -> bytes:
    """The shipped model file's bytes."""
    return resources.files("chronicler.domain.warden").joinpath(MODEL_FILE).read_bytes()


def test_the_shipped_file_loads_once_and_is_small(model: SpamModel) -> None:
    """The packaged file loads, is cached, and stays small."""
    assert SpamModel.load() is model
    assert len(_shipped_bytes()) <= 300_000


def test_scores_are_probabilities_and_deterministic(model: SpamModel) -> None:
    """Same text, same score, from the cache or from fresh bytes."""
    text = normalize(SPAM[1])
    first = model.score(text, first_message=True)
    assert 0.0 <= first <= 1.0
    assert model.score(text, first_message=True) == first
    assert SpamModel(_shipped_bytes()).score(text, first_message=True) == first


@pytest.mark.parametrize("text", SPAM)
def test_invented_spam_scores_high(model: SpamModel, text: str) -> None:
    """Invented spam of each kind passes the gate and scores at least 0.5."""
    normalized = normalize(text)
    assert model.worth_scoring(normalized)
    assert model.score(normalized, first_message=True) >= 0.5


@pytest.mark.parametrize("text", HAM)
def test_ordinary_chat_scores_low(model: SpamModel, text: str) -> None:
    """Invented hard ham scores below 0.5, first message or not."""
    normalized = normalize(text)
    assert model.score(normalized, first_message=True) < 0.5
    assert model.score(normalized, first_message=False) < 0.5


@pytest.mark.parametrize(
    "text", ["LUL", "KEKW KEKW KEKW KEKW KEKW", "gg", "Pog", "hi chat", "😂😂😂😂😂😂😂😂"]
)
def test_short_lines_and_emotes_are_not_worth_scoring(model: SpamModel, text: str) -> None:
    """The cheap gate turns away short lines and emote spam."""
    assert not model.worth_scoring(normalize(text))


def test_explain_names_the_scam_family_and_quotes_the_message(model: SpamModel) -> None:
    """The cue names the scam family in words."""
    signal = model.explain(normalize(SPAM[0]), first_message=True)
    assert isinstance(signal, ModelSignal)
    assert signal.score == model.score(normalize(SPAM[0]), first_message=True)
    assert "Discord" in signal.cue
    assert "follow scam" in signal.cue
    viewers = model.explain(normalize(SPAM[4]), first_message=True)
    assert "viewer-selling" in viewers.cue


def test_the_quoted_words_come_from_the_message(model: SpamModel) -> None:
    """Quoted words are the message's own, never stored strings."""
    text = normalize("kindly add me on discord my friend: velko_771")
    for word in model.top_words(text):
        assert word in text


def test_the_file_holds_numbers_only() -> None:
    """No word of the training text is in the shipped bytes."""
    data = _shipped_bytes()
    for word in (b"discord", b"viewers", b"follow", b"streamboo", b"add me"):
        assert word not in data.lower()


def test_a_model_file_round_trips_through_encode() -> None:
    """encode_model writes what SpamModel reads."""
    bits = 10
    weights = bytes([5] * (1 << bits))
    model = SpamModel(encode_model(weights, bits=bits, scale=0.01, bias=-1.0))
    assert model.bits == bits
    assert 0.0 < model.score("anything at all", first_message=False) < 1.0


@pytest.mark.parametrize(
    ("data", "complaint"),
    [
        (b"", "truncated"),
        (b"NOTAMODEL" + bytes(64), "magic"),
        (_shipped_bytes()[:-40], "corrupted"),
        (_shipped_bytes()[:8] + bytes([99]) + _shipped_bytes()[9:], "version"),
    ],
)
def test_a_bad_model_file_is_a_clear_error(data: bytes, complaint: str) -> None:
    """Truncated, foreign, corrupted or other-version bytes raise ModelFileError."""
    with pytest.raises(ModelFileError, match=complaint) as caught:
        SpamModel(data)
    assert isinstance(caught.value, WardenError)
    assert isinstance(caught.value, ValueError)


def test_flipped_weight_bytes_fail_the_checksum() -> None:
    """Weights that do not match their checksum are refused."""
    bits = 10
    header = struct.Struct("<8sBBddII")
    data = bytearray(encode_model(bytes(1 << bits), bits=bits, scale=0.01, bias=0.0))
    # Rewrite the stored checksum: the weights no longer match it.
    magic, version, stored_bits, scale, bias, count, checksum = header.unpack_from(data)
    header.pack_into(data, 0, magic, version, stored_bits, scale, bias, count, checksum ^ 1)
    with pytest.raises(ModelFileError, match="checksum"):
        SpamModel(bytes(data))


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    """A missing file is a ModelFileError naming the problem."""
    with pytest.raises(ModelFileError, match="cannot read"):
        SpamModel.from_path(tmp_path / "nope.bin")
