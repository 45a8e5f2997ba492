"""Bad input gets a clear JSON 4xx, never a 500, never HTML, and changes nothing."""

from __future__ import annotations

import threading
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest


def _assert_json_error(response, status: int) -> dict:
    assert response.status_code == status, response.data[:300]
    assert response.is_json, response.data[:300]
    error = response.json["error"]
    assert error["code"] and error["message"]
    assert "Traceback" not in response.get_data(as_text=True)
    return error


def test_invalid_json(client):
    error = _assert_json_error(
        client.post("/api/login", data="{not json", content_type="application/json"), 400
    )
    assert error["code"] == "invalid_json"


def test_wrong_content_type(client):
    _assert_json_error(
        client.post(
            "/api/login", data="username=a&password=b", content_type="application/x-www-form-urlencoded"
        ),
        415,
    )


@pytest.mark.parametrize("raw", ["[]", '"text"', "42", "null"])
def test_body_not_an_object(client, raw):
    _assert_json_error(client.post("/api/login", data=raw, content_type="application/json"), 422)


@pytest.mark.parametrize(
    "body, field",
    [
        ({"password": "correct horse"}, "username"),
        ({"username": "pixel_wren"}, "password"),
        ({"username": 12345678, "password": "correct horse"}, "username"),
        ({"username": "pixel_wren", "password": ["a"]}, "password"),
        ({"username": "pixel_wren", "password": "correct horse", "admin": True}, "admin"),
    ],
)
def test_missing_fields_and_wrong_types(client, body, field):
    error = _assert_json_error(client.post("/api/login", json=body), 422)
    assert error["field"] == field


def test_huge_body(client):
    _assert_json_error(
        client.post("/api/login", data="x" * (2 * 1024 * 1024), content_type="application/json"), 413
    )


def test_wrong_method_and_unknown_path(client):
    _assert_json_error(client.delete("/api/login"), 405)
    _assert_json_error(client.get("/api/nothing-here"), 404)
    _assert_json_error(client.get("/favicon.ico"), 404)


@pytest.mark.parametrize(
    "password, ok",
    [
        ("a" * 72, True),
        ("a" * 73, False),
        ("é" * 36, True),  # 72 bytes
        ("é" * 36 + "a", False),  # 73 bytes though only 37 characters
        ("🔥" * 18, True),  # 72 bytes
        ("🔥" * 19, False),
        ("seven77", False),
    ],
)
def test_password_byte_limits_on_register(client, app, password, ok):
    app.config["SETTINGS"] = app.config["SETTINGS"].model_copy(update={"allow_registration": True})
    response = client.post("/api/register", json={"username": "pixel_wren", "password": password})
    if ok:
        assert response.status_code == 201
    else:
        error = _assert_json_error(response, 400)
        assert error["field"] == "password" and "bytes" in error["message"]


def test_a_73_byte_password_at_login_is_a_401_not_a_500(client, auth):
    auth.create()
    _assert_json_error(client.post("/api/login", json={"username": "pixel_wren", "password": "a" * 73}), 401)
    # A lone surrogate is not text at all: refused as JSON (400) before it reaches bcrypt.
    _assert_json_error(
        client.post("/api/login", json={"username": "pixel_wren", "password": "\ud800" * 9}), 400
    )


@pytest.mark.parametrize(
    "username",
    [
        "' OR 1=1 --",
        "pixel_wren'; DROP TABLE users; --",
        "Robert'); DROP TABLE students;--",
        "\x00",
        "\u202eevil",
        "ｐｉｘｅｌ",
        "a" * 300,
        "",
    ],
)
def test_odd_and_sql_looking_usernames(client, auth, db, username):
    auth.create()
    response = client.post("/api/login", json={"username": username, "password": "correct horse"})
    assert response.status_code in {401, 422}
    assert response.is_json
    assert db.count("users") == 1  # nothing dropped, nothing added


def test_odd_unicode_in_profile_fields(client, auth):
    headers = auth.headers()
    for body in (
        {"timezone": "Mars/Olympus"},
        {"timezone": "\u0000"},
        {"twitch_channel": "pixel wren"},
        {"twitch_channel": "🔥"},
        {"webhook_url": "javascript:alert(1)"},
        {"webhook_url": "https://evil.example/api/webhooks/1/abc"},
        {"timezone": None},
        {"timezone": 5},
    ):
        response = client.patch("/api/me", json=body, headers=headers)
        assert response.status_code in {400, 422}, body
        assert response.is_json
    assert client.get("/api/me", headers=headers).json["timezone"] == "UTC"


def test_registration_is_off_by_default(client):
    error = _assert_json_error(
        client.post("/api/register", json={"username": "x_user", "password": "correct horse"}), 403
    )
    assert error["code"] == "registration_closed"


def test_duplicate_username_in_other_case(client, app, auth):
    app.config["SETTINGS"] = app.config["SETTINGS"].model_copy(update={"allow_registration": True})
    auth.create("Pixel_Wren")
    _assert_json_error(
        client.post("/api/register", json={"username": "pixel_wren", "password": "correct horse"}), 409
    )


def test_unexpected_errors_become_a_generic_500(app, client, caplog):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = client.get("/boom")
    error = _assert_json_error(response, 500)
    assert "secret internals" not in response.get_data(as_text=True)
    assert error["code"] == "internal_error"
    assert "secret internals" in caplog.text  # the log keeps the trace


def test_login_is_throttled_per_username(client, auth):
    auth.create()
    for _ in range(5):
        assert (
            client.post(
                "/api/login", json={"username": "pixel_wren", "password": "wrong password"}
            ).status_code
            == 401
        )
    response = client.post("/api/login", json={"username": "PIXEL_WREN", "password": "correct horse"})
    error = _assert_json_error(response, 429)
    assert error["code"] == "rate_limited"
    assert int(response.headers["Retry-After"]) >= 1


def test_login_is_throttled_per_address(client, auth):
    auth.create()
    statuses = [
        client.post("/api/login", json={"username": f"user{i}", "password": "whatever1"}).status_code
        for i in range(25)
    ]
    assert statuses[:20] == [401] * 20
    assert statuses[20:] == [429] * 5


def test_successful_logins_do_not_lock_the_user_out(client, auth):
    auth.create()
    for _ in range(8):
        assert (
            client.post(
                "/api/login", json={"username": "pixel_wren", "password": "correct horse"}
            ).status_code
            == 200
        )


@pytest.mark.parametrize(
    "raw, why",
    [
        ("[" * 20_000 + "]" * 20_000, "nested deeper"),  # past Python's recursion limit
        ('{"username": ' + "[" * 33 + "]" * 33 + "}", "nested deeper"),  # past ours
        ('{"username": "a", "password": NaN}', "NaN is not a JSON number"),
        ('{"username": "a", "password": -Infinity}', "-Infinity is not a JSON number"),
        ('{"username": "a", "password": 1e999}', "too large a number"),
        ('{"username": ["\\ud800"], "password": "x"}', "unpaired surrogate"),
        ('{"\\udfff": "a"}', "unpaired surrogate"),
    ],
)
def test_json_that_could_not_be_stored_or_served_back_is_refused(client, raw, why):
    error = _assert_json_error(client.post("/api/login", data=raw, content_type="application/json"), 400)
    assert error["code"] == "invalid_json" and why in error["message"]


def test_a_non_finite_latency_is_refused_and_nothing_is_stored(client, auth):
    headers = auth.headers()
    body = '{"interaction_type": "query", "raw_text": "hi", "parser": "rules", "latency_ms": Infinity}'
    error = _assert_json_error(
        client.post("/api/interactions", data=body, content_type="application/json", headers=headers), 400
    )
    assert error["code"] == "invalid_json"
    assert client.get("/api/interactions", headers=headers).json["items"] == []


@pytest.mark.parametrize("ref", ["%C2%B9", "%D9%A3", "%EF%BC%91"])  # '¹', Arabic-Indic three, fullwidth one
def test_a_session_named_by_non_ascii_digits_is_a_400_not_a_500(client, auth, ref):
    error = _assert_json_error(client.get(f"/api/sessions/{ref}/ledger", headers=auth.headers()), 400)
    assert error["field"] == "session"


@pytest.mark.parametrize("typed", ["alİce", "ALİCE", "ａｌｉｃｅ", "ALICE"])
def test_a_locked_username_stays_locked_however_it_is_typed(client, auth, typed):
    # 'İ' is 'i' to PostgreSQL's lower() and 'i̇' to Python's: the lookup and the throttle once
    # disagreed, so 'alİce' logged into alice while alice was locked.
    auth.create("alice")
    for _ in range(5):
        client.post("/api/login", json={"username": "alice", "password": "wrong password"})
    response = client.post("/api/login", json={"username": typed, "password": "correct horse"})
    assert response.status_code in (401, 429)  # never 200
    if unicodedata.normalize("NFKC", typed).casefold() == "alice":
        assert response.status_code == 429  # the same account, so the same lock


def test_parallel_guesses_cannot_outrun_the_username_limit(app, auth):
    auth.create("alice")
    start = threading.Barrier(12)

    def guess() -> int:
        client = app.test_client()
        start.wait()
        return client.post("/api/login", json={"username": "alice", "password": "wrong password"}).status_code

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(lambda _: guess(), range(12)))
    assert statuses.count(401) <= 5 and statuses.count(429) >= 7, statuses


def test_a_fullwidth_username_registers_as_its_plain_form(client, app, auth):
    app.config["SETTINGS"] = app.config["SETTINGS"].model_copy(update={"allow_registration": True})
    auth.create("alice")
    response = client.post("/api/register", json={"username": "ａｌｉｃｅ", "password": "correct horse"})
    assert response.status_code == 409
