"""Twitch grants in PostgreSQL: ciphertext at rest, key rotation, one channel one owner, flows queued."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography.fernet import Fernet

from chronicler.contract.errors import Conflict, ErrorCode
from chronicler.store import Database
from chronicler.store.twitch_grants import TwitchGrants, UnreadableToken, token_cipher
from chronicler.store.users import create_user

NOW = datetime(2026, 12, 6, 20, 0, tzinfo=UTC)
ACCESS, REFRESH = "access-secret-0123456789", "refresh-secret-9876543210"


def _user(db: Database, name: str) -> int:
    return create_user(db, name, "x" * 60).id


def _save(grants: TwitchGrants, user_id: int, login: str = "pixel_wren", slot: str = "broadcaster", **kw):
    fields = {
        "slot": slot,
        "user_id": user_id,
        "twitch_user_id": kw.pop("twitch_user_id", "1001"),
        "twitch_login": login,
        "scopes": ("channel:bot",),
        "access_token": ACCESS,
        "refresh_token": REFRESH,
        "expires_at": NOW + timedelta(hours=4),
        "at": NOW,
    }
    return grants.save(**{**fields, **kw})


def test_tokens_are_ciphertext_at_rest_and_out_of_repr(db: Database):
    grants = TwitchGrants(db, token_cipher(Fernet.generate_key().decode()))
    grant = _save(grants, _user(db, "pixel_wren"))
    row = db.fetch_one("SELECT * FROM twitch_grants")
    assert row is not None
    stored = bytes(row["access_token"]) + bytes(row["refresh_token"])
    assert ACCESS.encode() not in stored and REFRESH.encode() not in stored
    assert b"access-secret" not in stored
    assert ACCESS not in repr(grant) and REFRESH not in repr(grant)
    again = grants.broadcaster(grant.user_id)
    assert again is not None and again.access_token == ACCESS and again.refresh_token == REFRESH


def test_rotation_reads_old_keys_and_rewrites_with_the_new_one(db: Database):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    user = _user(db, "pixel_wren")
    _save(TwitchGrants(db, token_cipher(old)), user)
    rotating = TwitchGrants(db, token_cipher(f"{new},{old}"))
    assert rotating.broadcaster(user).access_token == ACCESS  # type: ignore[union-attr]
    assert rotating.rotate_keys() == 1
    grant = TwitchGrants(db, token_cipher(new)).broadcaster(user)
    assert grant is not None and grant.refresh_token == REFRESH
    with pytest.raises(UnreadableToken) as caught:
        TwitchGrants(db, token_cipher(old)).broadcaster(user)
    assert ACCESS not in str(caught.value)


def test_a_channel_proven_by_one_streamer_is_refused_to_another(db: Database):
    grants = TwitchGrants(db, token_cipher(Fernet.generate_key().decode()))
    first, second = _user(db, "pixel_wren"), _user(db, "someone_else")
    _save(grants, first)
    assert db.fetch_value("SELECT twitch_channel FROM users WHERE id = %s", (first,)) == "pixel_wren"
    with pytest.raises(Conflict) as caught:
        _save(grants, second)
    assert caught.value.code is ErrorCode.CHANNEL_TAKEN
    assert grants.channel_owner("pixel_wren") == first


def test_refresh_replaces_both_tokens_and_heals(db: Database):
    grants = TwitchGrants(db, token_cipher(Fernet.generate_key().decode()))
    grant = _save(grants, _user(db, "pixel_wren"), slot="bot", twitch_login="chronicler_bot")
    assert grants.mark_broken(grant.id, "refused", at=NOW) and not grants.mark_broken(
        grant.id, "again", at=NOW
    )
    grants.replace_tokens(grant.id, access_token="a2", refresh_token="r2", expires_at=NOW, at=NOW)
    fresh = grants.bot()
    assert (
        fresh is not None and (fresh.access_token, fresh.refresh_token) == ("a2", "r2") and not fresh.broken
    )


def test_forgetting_queues_the_tokens_for_revocation(db: Database):
    grants = TwitchGrants(db, token_cipher(Fernet.generate_key().decode()))
    grant = _save(grants, _user(db, "pixel_wren"))
    assert grants.forget(grant.id) is not None and grants.broadcaster(grant.user_id) is None
    with db.transaction():
        queued = grants.take_revocations()
    assert sorted(token for _, token in queued) == sorted([ACCESS, REFRESH])
    for revocation_id, _ in queued:
        grants.revoked(revocation_id)
    assert db.count("twitch_revocations") == 0


def test_connect_requests_are_claimed_once_and_a_new_one_cancels_the_old(db: Database):
    grants = TwitchGrants(db, token_cipher(Fernet.generate_key().decode()))
    user = _user(db, "pixel_wren")
    first = grants.request_connect(user, "broadcaster")
    second = grants.request_connect(user, "broadcaster")
    assert grants.request(first.id).status == "cancelled"  # type: ignore[union-attr]
    claimed = grants.claim_requested()
    assert claimed is not None and claimed.id == second.id and grants.claim_requested() is None
    grants.set_device(
        second.id,
        user_code="ABCD0001",
        verification_uri="https://www.twitch.tv/activate",
        device_code="device-secret",
        expires_at=NOW,
    )
    row = db.fetch_one("SELECT device_code FROM twitch_connect_requests WHERE id = %s", (second.id,))
    assert row is not None and b"device-secret" not in bytes(row["device_code"])
    assert [r.device_code for r in grants.waiting()] == ["device-secret"]
    assert grants.finish(second.id, "connected") and not grants.finish(second.id, "failed")
