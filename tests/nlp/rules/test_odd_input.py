"""Odd input never raises and never becomes a command: it is `unknown`, with a question to ask."""

from __future__ import annotations

import pytest

from chronicler.nlp.rules import RuleParser

ODD = [
    "",
    " ",
    "\n\t\r\n",
    "\x00",
    "\x00" * 100,
    "stop\x00chronicling",
    "\x1b[31mred\x1b[0m",
    "🔥🔥🔥",
    "🛑",
    "💀 lol",
    "مرحبا، أوقف البث",  # Arabic (right-to-left)
    "עצור את השידור",  # Hebrew (right-to-left)
    "\u202e\u202dgnilcinorhc pots",
    "停止记录",
    "a" * 10_240,
    "stop chronicling " * 700,  # a command, but 12 KB of it
    "x" * 10_000_000,
    "ﷺ" * 500,  # expands twentyfold under NFKC
    "?" * 5000,
    "'" * 3000,
    '"' * 3001,
    "1" * 5000,
    "#" * 400,
    "@@@@",
    "\ud800",  # a lone surrogate
    "<time:5>",  # looks like the parser's own placeholders
    "<dur:99> hearthkeeper",
    "<url:0> <code:0> <chan:0> <theme:0> <quote:0>",
    "{}",
    "null",
    "<script>alert(1)</script>",
    "'; DROP TABLE commands; --",
    "%s%s%s%n",
    "\\",
    "-",
]


@pytest.mark.parametrize("text", ODD, ids=range(len(ODD)))
def test_odd_input_is_unknown_and_never_raises(parser: RuleParser, text: str) -> None:
    result = parser.parse(text)
    assert result.command.interaction_type == "unknown"
    assert result.command.question
    assert result.errors == ()


def test_long_messages_are_refused_without_being_read(parser: RuleParser) -> None:
    question = parser.parse("stop chronicling " * 700).command.question
    assert question is not None and "too long" in question


@pytest.mark.parametrize(
    "text",
    [
        "\u202estop chronicling",  # a bidi override in front of a real command
        "ｓｔｏｐ ｃｈｒｏｎｉｃｌｉｎｇ",  # full-width letters
        "<@123456789> stop chronicling",  # a Discord mention of the bot
        "**stop chronicling**",  # markdown
        "`stop chronicling`",
        "s\u200bt\u200bo\u200bp chronicling",  # zero-width spaces
        "stop\r\nchronicling",
    ],
)
def test_disguised_commands_are_read_as_what_they_show(parser: RuleParser, text: str) -> None:
    command = parser.parse(text).command
    assert (command.interaction_type, command.action) in {("session", "stop"), ("unknown", None)}
    assert command.interaction_type == "session" or command.question
