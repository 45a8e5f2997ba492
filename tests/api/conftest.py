"""The API suite's app: the shared one, with every JSON answer held to the contract."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from tests.api.contract_check import check_app, violations


@pytest.fixture
def app(app: Flask) -> Iterator[Flask]:
    """The API on the test database; a body outside its route's declared models fails the test."""
    yield check_app(app)
    assert violations(app) == []
