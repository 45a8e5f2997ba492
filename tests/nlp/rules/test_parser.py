"""RuleParser as a `Parser`: its result, its confidence, its speed, and how it survives its own bugs."""

from __future__ import annotations

from collections.abc import Iterator

from chronicler.nlp.result import Parser, ParseResult
from chronicler.nlp.rules import RuleParser
from chronicler.nlp.rules._intents import RULES, Candidate
from chronicler.nlp.rules._utterance import Utterance


def test_is_a_parser() -> None:
    parser: Parser = RuleParser()
    assert parser.name == "rules"


def test_result_says_who_parsed_and_how_sure(parser: RuleParser) -> None:
    result = parser.parse("turn off the steward")
    assert isinstance(result, ParseResult)
    assert result.parser == "rules"
    assert result.model is None and result.retries == 0 and not result.fell_back
    assert result.errors == ()
    assert result.latency_ms > 0
    assert result.confidence == 1.0
    assert result.command.to_json() == {"interaction_type": "mode", "action": "disable", "mode": "steward"}


def test_confidence_is_lower_for_weaker_evidence(parser: RuleParser) -> None:
    clear = parser.parse("show today's flags").confidence
    bare = parser.parse("flags").confidence
    assert clear is not None and bare is not None
    assert 0.5 <= bare < clear <= 1.0


def test_did_you_mean_is_not_confident(parser: RuleParser) -> None:
    result = parser.parse("stahp")
    assert result.command.question == "Did you mean to stop chronicling?"
    assert result.confidence is not None and result.confidence < 0.8


def test_every_command_fits_the_contract(parser: RuleParser) -> None:
    # Command validates on construction; round-tripping the JSON proves nothing was bent to fit.
    for text in [
        "start chronicling #pixel_wren, theme: cozy",
        "hearthkeeper every 20 minutes",
        "flags from @xqc_fan99 yesterday",
        "post last stream's ledger",
        "link ABCD-1234",
    ]:
        command = parser.parse(text).command
        assert type(command).model_validate(command.to_json()) == command


def _broken_rule(u: Utterance) -> Iterator[Candidate]:
    """A rule with a bug in it."""
    raise RuntimeError("bug in a rule")
    yield  # pragma: no cover


def test_a_failing_rule_gives_unknown_and_an_error_not_an_exception() -> None:
    result = RuleParser(rules=(*RULES, _broken_rule)).parse("turn off the steward")
    assert result.command.interaction_type == "unknown"
    assert result.confidence == 0.0
    assert result.errors == ("rules parser failed: RuntimeError: bug in a rule",)


def test_history_of_any_length_is_fine(parser: RuleParser) -> None:
    assert parser.parse("show flags", history=()).command.interaction_type == "flags"
