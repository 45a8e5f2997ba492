"""Fixtures for the rules parser tests: one parser, and a shortcut to the command's JSON form."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from chronicler.nlp.result import Turn
from chronicler.nlp.rules import RuleParser

Parse = Callable[..., dict[str, Any]]


@pytest.fixture(scope="session")
def parser() -> RuleParser:
    """The parser under test; it holds no state between calls, so one serves every test."""
    return RuleParser()


@pytest.fixture(scope="session")
def parse(parser: RuleParser) -> Parse:
    """Parse a DM and return the command as flattened JSON."""

    def _parse(text: str, history: Sequence[Turn] = ()) -> dict[str, Any]:
        return parser.parse(text, history).command.to_json()

    return _parse
