"""Fixtures for the store tests that need a database of their own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.store.older_schema import empty_database


@pytest.fixture
def fresh_url(database_url: str) -> Iterator[str]:
    """An empty database beside the test one, dropped afterwards."""
    with empty_database(database_url) as url:
        yield url
