"""`chronicler user add`, `link-code` and `db upgrade` against the test database."""

from __future__ import annotations

from click.testing import CliRunner

from chronicler.cli.main import cli


def _run(database_url, tmp_path, *args, input=None):
    env = {"DATABASE_URL": database_url, "DATA_DIR": str(tmp_path), "BCRYPT_ROUNDS": "4"}
    return CliRunner().invoke(cli, ["--env-file", str(tmp_path / "none.env"), *args], input=input, env=env)


def test_user_add_then_login(database_url, db, tmp_path, client):
    result = _run(
        database_url,
        tmp_path,
        "user",
        "add",
        "pixel_wren",
        "--channel",
        "Pixel_Wren",
        "--password-stdin",
        input="correct horse\n",
    )
    assert result.exit_code == 0, result.output
    assert "created user pixel_wren" in result.output
    assert db.select_one("users", {"username": "pixel_wren"})["twitch_channel"] == "pixel_wren"


def test_user_add_refuses_a_short_password_and_a_duplicate(database_url, db, tmp_path):
    short = _run(database_url, tmp_path, "user", "add", "pixel_wren", "--password-stdin", input="short\n")
    assert short.exit_code == 1 and "at least 8 bytes" in short.output
    _run(database_url, tmp_path, "user", "add", "pixel_wren", "--password-stdin", input="correct horse\n")
    again = _run(
        database_url, tmp_path, "user", "add", "Pixel_Wren", "--password-stdin", input="correct horse\n"
    )
    assert again.exit_code == 1 and "taken" in again.output
    assert db.count("users") == 1


def test_link_code(database_url, db, tmp_path):
    _run(database_url, tmp_path, "user", "add", "pixel_wren", "--password-stdin", input="correct horse\n")
    result = _run(database_url, tmp_path, "link-code", "pixel_wren")
    assert result.exit_code == 0 and "link " in result.output
    assert db.count("link_codes") == 1
    assert _run(database_url, tmp_path, "link-code", "nobody").exit_code == 1


def test_db_upgrade_is_idempotent(database_url, db, tmp_path):
    result = _run(database_url, tmp_path, "db", "upgrade")
    assert result.exit_code == 0 and "up to date" in result.output


def test_a_lost_password_is_replaced_and_the_old_logins_end(database_url, db, tmp_path, client):
    _run(database_url, tmp_path, "user", "add", "pixel_wren", "--password-stdin", input="correct horse\n")
    old = client.post("/api/login", json={"username": "pixel_wren", "password": "correct horse"}).json
    result = _run(database_url, tmp_path, "user", "set-password", "pixel_wren", "--generate")
    assert result.exit_code == 0, result.output
    new_password = result.output.strip().rsplit(": ", 1)[1]
    assert (
        client.post("/api/login", json={"username": "pixel_wren", "password": "correct horse"}).status_code
        == 401
    )
    assert (
        client.post("/api/login", json={"username": "pixel_wren", "password": new_password}).status_code
        == 200
    )
    refreshed = client.post("/api/token/refresh", json={"refresh_token": old["refresh_token"]})
    assert refreshed.status_code == 401  # the login made with the old password has ended
    missing = _run(database_url, tmp_path, "user", "set-password", "nobody", "--generate")
    assert missing.exit_code == 1 and "no user named 'nobody'" in missing.output
