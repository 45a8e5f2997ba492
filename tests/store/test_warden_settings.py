"""A streamer's Warden lists: a bad entry is refused naming its list, and nothing is stored."""

from __future__ import annotations

import pytest

from chronicler.contract.errors import InvalidInput
from chronicler.store.warden_settings import get_warden_settings, update_warden_settings, warden_config


def _user(db) -> int:
    return db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"blocked_terms": ["*"]}, "blocked_terms"),
        ({"allowed_domains": ["not a domain"]}, "allowed_domains"),
        # "term" in a bad domain once sent the error to blocked_terms: the field is carried, not guessed.
        ({"allowed_domains": ["my terms page"]}, "allowed_domains"),
    ],
)
def test_a_bad_entry_names_its_list_and_changes_nothing(db, changes, field):
    user_id = _user(db)
    update_warden_settings(db, user_id, {"blocked_terms": ["free v*bucks"]})

    with pytest.raises(InvalidInput) as raised:
        update_warden_settings(db, user_id, changes)

    assert raised.value.field == field
    assert get_warden_settings(db, user_id) == {"blocked_terms": ["free v*bucks"], "allowed_domains": []}


def test_terms_stored_before_the_limits_are_set_aside_not_fatal(db, caplog):
    user_id = db.insert("users", {"username": "pixel_wren", "password_hash": "x"})["id"]
    too_wild = "a*" * 9 + "b"
    db.insert("user_settings", {"user_id": user_id, "blocked_terms": ["spoiler", too_wild]})
    config = warden_config(db, user_id, known_bots=frozenset())
    assert config.blocked_terms == ("spoiler",)
    assert too_wild in caplog.text
