"""A session's modes: the saved settings with its own "tonight" on/off on top (migration 0010)."""

from __future__ import annotations

import pytest

from chronicler.contract.errors import InvalidInput, NotFound
from chronicler.store.mode_settings import change_mode, get_modes, live_modes, session_modes, set_for_session
from chronicler.store.sessions import delete_session, end_session, start_session


@pytest.fixture
def user_id(db):
    return db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]


def _start(db, user_id):
    return start_session(db, user_id, channel="pixel_wren", default_channel=None)


def test_tonight_is_the_sessions_own(db, user_id):
    session = _start(db, user_id)
    set_for_session(db, user_id, "steward", enabled=False)
    assert session_modes(db, user_id, session.id)["steward"].enabled is False
    assert get_modes(db, user_id)["steward"].enabled is True
    assert live_modes(db, user_id)["steward"] is False
    end_session(db, user_id)
    assert live_modes(db, user_id) is None
    following = _start(db, user_id)
    assert session_modes(db, user_id, following.id)["steward"].enabled is True


def test_tonight_again_replaces_tonight_and_always_clears_it(db, user_id):
    session = _start(db, user_id)
    change_mode(db, user_id, "warden", {"enabled": False}, scope="tonight")
    change_mode(db, user_id, "warden", {"enabled": True}, scope="tonight")
    assert db.count("session_mode_overrides") == 1
    change_mode(db, user_id, "warden", {"enabled": False}, scope="tonight")
    change_mode(db, user_id, "warden", {"idle_minutes": 30})  # not an on/off: tonight's stays
    assert session_modes(db, user_id, session.id)["warden"].enabled is False
    change_mode(db, user_id, "warden", {"enabled": True}, scope="always")
    assert db.count("session_mode_overrides") == 0
    assert session_modes(db, user_id, session.id)["warden"].enabled is True


def test_tonight_needs_a_session_and_an_on_or_off(db, user_id):
    with pytest.raises(NotFound):
        set_for_session(db, user_id, "steward", enabled=False)
    _start(db, user_id)
    with pytest.raises(InvalidInput):
        change_mode(db, user_id, "hearthkeeper", {"idle_minutes": 5}, scope="tonight")
    with pytest.raises(InvalidInput):
        change_mode(db, user_id, "hearthkeeper", {"enabled": False}, scope="someday")
    with pytest.raises(NotFound):
        change_mode(db, user_id, "bard", {"enabled": False}, scope="tonight")


def test_a_deleted_session_takes_its_overrides_along(db, user_id):
    session = _start(db, user_id)
    set_for_session(db, user_id, "librarian", enabled=False)
    delete_session(db, session.id)
    assert db.count("session_mode_overrides") == 0
