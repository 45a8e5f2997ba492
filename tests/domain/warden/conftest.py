"""Fixtures for the Warden tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from chronicler.domain.warden import Verdict, Warden
from tests.domain.warden.helpers import make_message


@pytest.fixture
def warden() -> Warden:
    """A Warden with the default settings."""
    return Warden()


@pytest.fixture
def check(warden: Warden) -> Callable[..., Verdict]:
    """check("text", first_message=..., ...) -> the default Warden's verdict on that message."""

    def run(text: str, **fields: object) -> Verdict:
        return warden.check(make_message(text, **fields))  # type: ignore[arg-type]

    return run
