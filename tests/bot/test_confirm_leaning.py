"""When a change leans on an earlier DM (and is asked about first), and when the DM names what it changes."""

from __future__ import annotations

from chronicler.bot.confirm import needs_confirmation
from chronicler.contract.commands import Command
from chronicler.nlp.result import ParseResult, Turn
from chronicler.nlp.rules import RuleParser

STEWARD_OFF = Command(interaction_type="mode", action="disable", mode="steward", scope="tonight")
EARLIER = (Turn("what's on?", Command(interaction_type="mode", action="list")),)


def test_it_with_the_mode_named_in_the_same_dm_is_done_at_once():
    text = "the reply bot is annoying, kill it for tonight"
    result = RuleParser().parse(text, EARLIER)
    assert result.command == STEWARD_OFF
    assert not needs_confirmation(result, text, EARLIER, min_confidence=0.5)


def test_it_alone_after_other_dms_is_asked_about():
    result = ParseResult(STEWARD_OFF, parser="rules", confidence=1.0, mentions=())
    assert needs_confirmation(result, "kill it for tonight", EARLIER, min_confidence=0.5)


def test_a_mode_only_an_earlier_dm_named_is_asked_about():
    earlier = (Turn("turn off the steward", STEWARD_OFF),)
    result = ParseResult(STEWARD_OFF, parser="rules", confidence=1.0, mentions=(("range", "current"),))
    assert needs_confirmation(result, "same for tonight", earlier, min_confidence=0.5)
