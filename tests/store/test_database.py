"""The pooled database helpers against a real PostgreSQL."""

from __future__ import annotations

import pytest

from chronicler.contract.errors import InvalidInput
from chronicler.store import Database, UniqueViolation
from chronicler.store._sql import identifier
from chronicler.store.migrations import pending


def _user(db: Database, name: str) -> dict:
    return db.insert("users", {"username": name, "password_hash": "x"})


def test_crud_helpers(db):
    bob = _user(db, "bob")
    assert db.select_one("users", {"id": bob["id"]})["username"] == "bob"
    assert db.exists("users", {"username": "bob"}) and not db.exists("users", {"username": "amy"})
    assert db.update("users", {"timezone": "Europe/Paris"}, {"id": bob["id"]}) == 1
    assert db.select("users", {"timezone": "Europe/Paris"}, columns=["username"]) == [{"username": "bob"}]
    assert db.count("users") == 1
    assert db.delete("users", {"id": bob["id"]}) == 1 and db.count("users") == 0


def test_upsert_inserts_then_updates(db):
    bob = _user(db, "bob")
    db.upsert("user_settings", {"user_id": bob["id"], "blocked_terms": ["a*"]}, conflict=["user_id"])
    db.upsert("user_settings", {"user_id": bob["id"], "blocked_terms": ["b*"]}, conflict=["user_id"])
    assert db.select_one("user_settings", {"user_id": bob["id"]})["blocked_terms"] == ["b*"]


def test_bulk_insert_uses_copy(db):
    rows = [(f"user{i}", "x") for i in range(1000)]
    assert db.bulk_insert("users", ["username", "password_hash"], rows) == 1000
    assert db.count("users") == 1000


def test_transaction_rolls_back_on_error(db):
    with pytest.raises(RuntimeError), db.transaction():
        _user(db, "amy")
        raise RuntimeError("boom")
    assert db.count("users") == 0


def test_nested_helpers_join_the_transaction(db):
    with db.transaction() as conn:
        _user(db, "amy")
        # Inside the transaction the helper uses the same connection, so it sees the uncommitted row.
        assert db.exists("users", {"username": "amy"})
        assert conn.info.transaction_status.name == "INTRANS"


def test_unique_violation_names_the_constraint(db):
    _user(db, "bob")
    with pytest.raises(UniqueViolation) as caught:
        _user(db, "BOB")
    assert caught.value.constraint == "users_username_lower_key"


def test_values_postgres_cannot_store_are_input_errors(db):
    with pytest.raises(InvalidInput):
        _user(db, "nul\x00byte")


@pytest.mark.parametrize("name", ["users; DROP TABLE users", "Users", "1abc", "a-b", "", "x" * 64, 'a"b'])
def test_identifiers_are_validated(db, name):
    with pytest.raises(ValueError):
        identifier(name)
    with pytest.raises(ValueError):
        db.select(name)


def test_values_are_parameters_not_sql(db):
    _user(db, "bob")
    assert db.select("users", {"username": "bob' OR '1'='1"}) == []
    assert db.count("users") == 1


def test_update_and_delete_refuse_to_touch_every_row(db):
    with pytest.raises(ValueError):
        db.update("users", {"timezone": "UTC"}, {})
    with pytest.raises(ValueError):
        db.delete("users", {})


def test_migrations_are_all_applied_once(database_url, db):
    assert pending(database_url) == []
    assert db.count("_yoyo_migration") >= 1


def test_connections_killed_by_a_database_restart_are_replaced_before_use(database_url):
    with Database(database_url, min_size=3, max_size=3) as db, Database(database_url, min_size=1) as other:
        mine = {db.fetch_value("SELECT pg_backend_pid()") for _ in range(6)}
        # As a restart would: every connection the pool holds is ended by the server.
        other.execute("SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", (sorted(mine),))
        assert all(db.fetch_value("SELECT 1") == 1 for _ in range(6))
