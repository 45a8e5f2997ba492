"""How the Warden uses the learned model, with a stand-in model whose answers the tests choose."""

from __future__ import annotations

from dataclasses import dataclass, field

from chronicler.domain.warden import Warden
from chronicler.domain.warden._model import SpamModel
from tests.domain.warden.helpers import make_message


@dataclass(frozen=True)
class Signal:
    """What the stand-in says about a message."""

    score: float
    cue: str


@dataclass
class StandIn:
    """A model that gives every message the same score and remembers what it was asked."""

    answer: float
    cue: str = "reads like a made-up scam family ('word')"
    asked: list[str] = field(default_factory=list)

    def worth_scoring(self, normalized: str) -> bool:
        """Everything of a few words is worth a look."""
        return len(normalized.split()) >= 3

    def score(self, normalized: str, *, first_message: bool) -> float:
        """The chosen score; the question is remembered."""
        self.asked.append(normalized)
        return self.answer

    def explain(self, normalized: str, *, first_message: bool) -> Signal:
        """The chosen score and cue; the question is remembered."""
        self.asked.append(normalized)
        return Signal(self.answer, self.cue)


PLAIN = "hello everyone how is the run going today"


def test_a_high_score_flags_with_the_models_cue_as_the_reason() -> None:
    warden = Warden(model=StandIn(0.99))
    verdict = warden.check(make_message(PLAIN, first_message=True))
    assert verdict.flagged and verdict.rule == "spam_model"
    assert verdict.reason is not None and "made-up scam family" in verdict.reason


def test_a_middling_score_needs_a_first_message_with_a_link() -> None:
    text = "hello everyone have a look at somesite.net today"
    warden = Warden(model=StandIn(0.85))
    assert not warden.check(make_message(text)).flagged
    assert not warden.check(make_message(PLAIN, first_message=True)).flagged
    verdict = warden.check(make_message(text + " ok", first_message=True))
    assert verdict.flagged


def test_a_middling_score_with_a_contact_in_a_first_message_flags() -> None:
    text = "nice run, we chat on discord about the game"  # a weak push, flags with nothing else
    rules = Warden(model=None)
    assert not rules.check(make_message(text, first_message=True)).flagged
    verdict = Warden(model=StandIn(0.85)).check(make_message(text, first_message=True))
    assert verdict.flagged and verdict.rule == "spam_model"
    assert verdict.reason is not None and "first-time chatter with a contact handle" in verdict.reason


def test_a_low_score_adds_nothing() -> None:
    warden = Warden(model=StandIn(0.2))
    assert not warden.check(make_message(PLAIN, first_message=True)).flagged


def test_the_model_is_not_asked_about_a_regulars_plain_chat() -> None:
    model = StandIn(0.99)
    warden = Warden(model=model)
    assert not warden.check(make_message(PLAIN)).flagged
    assert model.asked == []


def test_a_regulars_plain_link_is_not_left_to_the_model_alone() -> None:
    model = StandIn(0.99)
    warden = Warden(model=model)
    assert not warden.check(make_message("the patch notes are up at somegame.com/news today")).flagged
    assert model.asked == []


def test_the_model_is_not_asked_when_the_rules_already_flag() -> None:
    model = StandIn(0.0)
    warden = Warden(model=model)
    assert warden.check(make_message("cheap viewers at growfast .com", first_message=True)).flagged
    assert model.asked == []


def test_the_model_reads_a_bounded_part_of_a_wall_of_text() -> None:
    model = StandIn(0.1)
    Warden(model=model).check(make_message("words and more words " * 100, first_message=True))
    assert model.asked and all(len(text) <= 200 for text in model.asked)


def test_nobody_protected_is_flagged_whatever_the_model_says() -> None:
    warden = Warden(model=StandIn(1.0))
    for badges in ({"broadcaster"}, {"moderator"}, {"vip"}):
        assert not warden.check(make_message(PLAIN, badges=badges, first_message=True)).flagged
    assert not warden.check(make_message(PLAIN, login="nightbot", first_message=True)).flagged


def test_without_a_model_the_rules_still_work() -> None:
    warden = Warden(model=None)
    assert warden.check(make_message("f4f anyone?")).flagged
    assert not warden.check(make_message(PLAIN, first_message=True)).flagged


def test_the_shipped_model_is_the_default() -> None:
    texts = [
        "hey! big fan, we should talk on discord sometime, my name is pixelmoth",
        "hello everyone how is the run going today",
        "new here, check somesite.net for cheap stuff",
    ]
    default, shipped = Warden(), Warden(model=SpamModel.load())
    for n, text in enumerate(texts):
        message = make_message(text, login=f"newcomer{n}", first_message=True)
        assert default.check(message) == shipped.check(message)
