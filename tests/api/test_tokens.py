"""The token matrix: every way an access, refresh or link credential can be wrong is refused."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from chronicler.accounts import AccessTokens
from chronicler.store.link_codes import LinkCodes
from tests.conftest import BOT_SECRET, TEST_SECRET


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(user_id: int, **overrides: object) -> dict:
    now = int(datetime.now(UTC).timestamp())
    claims = {
        "iss": "sanctum-chronicler",
        "aud": "sanctum-chronicler-api",
        "sub": str(user_id),
        "iat": now,
        "exp": now + 600,
        "jti": "abc",
        "typ": "access",
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def _me(client, token: str):
    return client.get("/api/me", headers={"Authorization": f"Bearer {token}"})


def test_a_valid_token_is_accepted(client, auth):
    user_id = auth.create()
    token = jwt.encode(_claims(user_id), TEST_SECRET, algorithm="HS256")
    assert _me(client, token).status_code == 200


def test_issued_token_carries_every_claim(auth):
    auth.create()
    token = auth.login()["access_token"]
    claims = jwt.decode(token, TEST_SECRET, algorithms=["HS256"], audience="sanctum-chronicler-api")
    assert set(claims) == {"iss", "aud", "sub", "iat", "exp", "jti", "typ"}
    assert claims["exp"] - claims["iat"] == 15 * 60
    assert claims["typ"] == "access"


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda uid: jwt.encode(_claims(uid), TEST_SECRET, "HS256")[:-3] + "abc", id="tampered"),
        pytest.param(
            lambda uid: f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims(uid))}.", id="alg-none"
        ),
        pytest.param(lambda uid: jwt.encode(_claims(uid), TEST_SECRET, "HS512"), id="other-alg"),
        pytest.param(
            lambda uid: jwt.encode(_claims(uid), "another-secret-of-enough-length-000000", "HS256"),
            id="other-secret",
        ),
        pytest.param(
            lambda uid: jwt.encode(
                _claims(uid, exp=int(datetime.now(UTC).timestamp()) - 1), TEST_SECRET, "HS256"
            ),
            id="expired",
        ),
        pytest.param(
            lambda uid: jwt.encode(_claims(uid, aud="someone-else"), TEST_SECRET, "HS256"), id="wrong-aud"
        ),
        pytest.param(
            lambda uid: jwt.encode(_claims(uid, iss="someone-else"), TEST_SECRET, "HS256"), id="wrong-iss"
        ),
        pytest.param(
            lambda uid: jwt.encode(_claims(uid, typ="refresh"), TEST_SECRET, "HS256"), id="wrong-typ"
        ),
        pytest.param(lambda uid: jwt.encode(_claims(uid, jti=None), TEST_SECRET, "HS256"), id="no-jti"),
        pytest.param(
            lambda uid: jwt.encode(_claims(uid, sub="not-a-number"), TEST_SECRET, "HS256"), id="bad-sub"
        ),
        pytest.param(lambda uid: jwt.encode(_claims(999999), TEST_SECRET, "HS256"), id="no-such-user"),
        pytest.param(lambda uid: "not.a.jwt", id="garbage"),
        pytest.param(lambda uid: "", id="empty"),
    ],
)
def test_bad_access_tokens_are_refused(client, auth, make_token):
    response = _me(client, make_token(auth.create()))
    assert response.status_code == 401
    assert response.json["error"]["code"] in {"invalid_token", "token_expired", "missing_token"}


def test_missing_or_malformed_authorization_header(client):
    assert client.get("/api/me").status_code == 401
    assert client.get("/api/me", headers={"Authorization": "Basic abc"}).status_code == 401


def test_expiry_follows_the_clock():
    now = datetime(2026, 1, 1, tzinfo=UTC)
    tokens = AccessTokens(TEST_SECRET, issuer="i", audience="a", clock=lambda: now)
    token, _ = tokens.issue(7)
    assert tokens.verify(token).user_id == 7
    later = AccessTokens(TEST_SECRET, issuer="i", audience="a", clock=lambda: now + timedelta(minutes=15))
    with pytest.raises(Exception, match="expired"):
        later.verify(token)


def test_short_secret_is_refused():
    with pytest.raises(ValueError):
        AccessTokens("short", issuer="i", audience="a")


def test_logout_revokes_the_access_token_and_refresh_family(client, auth):
    auth.create()
    pair = auth.login()
    headers = {"Authorization": f"Bearer {pair['access_token']}"}
    assert (
        client.post("/api/logout", json={"refresh_token": pair["refresh_token"]}, headers=headers).status_code
        == 200
    )
    revoked = client.get("/api/me", headers=headers)
    assert revoked.status_code == 401 and revoked.json["error"]["code"] == "token_revoked"
    refused = client.post("/api/token/refresh", json={"refresh_token": pair["refresh_token"]})
    assert refused.status_code == 401 and refused.json["error"]["code"] == "token_revoked"


def test_logout_without_body(client, auth):
    auth.create()
    headers = {"Authorization": f"Bearer {auth.login()['access_token']}"}
    assert client.post("/api/logout", headers=headers).status_code == 200


def test_refresh_rotates(client, auth):
    auth.create()
    first = auth.login()
    second = client.post("/api/token/refresh", json={"refresh_token": first["refresh_token"]}).json
    assert second["refresh_token"] != first["refresh_token"]
    assert _me(client, second["access_token"]).status_code == 200
    third = client.post("/api/token/refresh", json={"refresh_token": second["refresh_token"]})
    assert third.status_code == 200


def test_refresh_reuse_revokes_the_family(client, auth):
    auth.create()
    first = auth.login()
    other_login = auth.login()  # another device: a different family, untouched
    second = client.post("/api/token/refresh", json={"refresh_token": first["refresh_token"]}).json
    reused = client.post("/api/token/refresh", json={"refresh_token": first["refresh_token"]})
    assert reused.status_code == 401 and reused.json["error"]["code"] == "token_reused"
    # The legitimate successor dies with the family: whoever copied the token gets nothing either.
    assert (
        client.post("/api/token/refresh", json={"refresh_token": second["refresh_token"]}).status_code == 401
    )
    assert (
        client.post("/api/token/refresh", json={"refresh_token": other_login["refresh_token"]}).status_code
        == 200
    )


def test_unknown_and_expired_refresh_tokens(client, auth, db):
    auth.create()
    assert client.post("/api/token/refresh", json={"refresh_token": "made-up"}).status_code == 401
    pair = auth.login()
    db.execute("UPDATE refresh_tokens SET expires_at = now() - interval '1 second'")
    response = client.post("/api/token/refresh", json={"refresh_token": pair["refresh_token"]})
    assert response.status_code == 401 and response.json["error"]["code"] == "token_expired"


def test_refresh_tokens_are_stored_hashed(auth, db):
    auth.create()
    pair = auth.login()
    stored = db.fetch_all("SELECT token_hash FROM refresh_tokens")
    assert all(pair["refresh_token"].encode() not in bytes(r["token_hash"]) for r in stored)


# -- link codes and the bot's endpoints ---------------------------------------------------------------


def _code(client, auth) -> str:
    headers = auth.headers()
    response = client.post("/api/link-codes", headers=headers)
    assert response.status_code == 201
    return response.json["code"]


def test_link_then_bot_token(client, auth, bot_headers):
    code = _code(client, auth)
    linked = client.post(
        "/api/bot/link", json={"discord_user_id": "123456789012345678", "code": code}, headers=bot_headers
    )
    assert linked.status_code == 200 and linked.json["discord_linked"] is True
    token = client.post("/api/bot/token", json={"discord_user_id": "123456789012345678"}, headers=bot_headers)
    assert token.status_code == 200
    assert _me(client, token.json["access_token"]).json["username"] == "pixel_wren"


def test_link_code_accepts_lowercase_and_spaces(client, auth, bot_headers):
    code = _code(client, auth)
    body = {"discord_user_id": "123456789012345678", "code": f"  {code.lower().replace('-', ' ')} "}
    assert client.post("/api/bot/link", json=body, headers=bot_headers).status_code == 200


def test_link_code_reused(client, auth, bot_headers):
    code = _code(client, auth)
    body = {"discord_user_id": "123456789012345678", "code": code}
    assert client.post("/api/bot/link", json=body, headers=bot_headers).status_code == 200
    again = client.post(
        "/api/bot/link", json={**body, "discord_user_id": "223456789012345678"}, headers=bot_headers
    )
    assert again.status_code == 401 and again.json["error"]["code"] == "link_code_used"


def test_link_code_expired(client, auth, bot_headers, db):
    code = _code(client, auth)
    db.execute("UPDATE link_codes SET expires_at = now() - interval '1 second'")
    response = client.post(
        "/api/bot/link", json={"discord_user_id": "123456789012345678", "code": code}, headers=bot_headers
    )
    assert response.status_code == 401 and response.json["error"]["code"] == "link_code_expired"


def test_link_code_expires_after_ten_minutes(db, accounts):
    user_id = accounts.register("pixel_wren", "correct horse").id
    start = datetime.now(UTC)
    code, expires_at = LinkCodes(db, clock=lambda: start).create(user_id)
    assert expires_at == start + timedelta(minutes=10)
    late = LinkCodes(db, clock=lambda: start + timedelta(minutes=10, seconds=1))
    with pytest.raises(Exception, match="expired"):
        late.redeem(code, "123456789012345678")


@pytest.mark.parametrize("code, status", [("ZZZZZ-ZZZZZ", 401), ("short", 400), ("O0O0O-1I1I1", 400)])
def test_link_code_wrong(client, auth, bot_headers, code, status):
    _code(client, auth)
    response = client.post(
        "/api/bot/link", json={"discord_user_id": "123456789012345678", "code": code}, headers=bot_headers
    )
    assert response.status_code == status


def test_link_codes_are_random_long_and_stored_hashed(client, auth, db):
    codes = {_code(client, auth) for _ in range(5)}
    assert len(codes) == 5 and all(len(c.replace("-", "")) >= 8 for c in codes)
    stored = [bytes(r["code_hash"]) for r in db.fetch_all("SELECT code_hash FROM link_codes")]
    assert all(c.encode() not in h for c in codes for h in stored)


def test_a_discord_account_cannot_be_linked_to_two_streamers(client, auth, bot_headers):
    first = _code(client, auth)
    client.post(
        "/api/bot/link", json={"discord_user_id": "123456789012345678", "code": first}, headers=bot_headers
    )
    auth.create("other_streamer")
    headers = auth.headers("other_streamer")
    second = client.post("/api/link-codes", headers=headers).json["code"]
    response = client.post(
        "/api/bot/link", json={"discord_user_id": "123456789012345678", "code": second}, headers=bot_headers
    )
    assert response.status_code == 409


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Bot-Secret": "wrong"},
        {"X-Bot-Secret": BOT_SECRET + "x"},
        {"Authorization": f"Bearer {BOT_SECRET}"},
    ],
)
def test_bot_endpoints_need_the_service_secret(client, auth, headers):
    code = _code(client, auth)
    for path, body in (
        ("/api/bot/link", {"discord_user_id": "123456789012345678", "code": code}),
        ("/api/bot/token", {"discord_user_id": "123456789012345678"}),
    ):
        response = client.post(path, json=body, headers=headers)
        assert response.status_code == 401, path
        assert response.json["error"]["code"] == "bad_service_secret"


def test_bot_token_for_an_unlinked_user(client, bot_headers):
    response = client.post(
        "/api/bot/token", json={"discord_user_id": "123456789012345678"}, headers=bot_headers
    )
    assert response.status_code == 404 and response.json["error"]["code"] == "not_linked"


def test_bot_endpoints_refuse_when_no_secret_is_configured(settings, db):
    from chronicler.api import create_app

    app = create_app(settings.model_copy(update={"bot_api_secret": None}), db=db)
    response = app.test_client().post(
        "/api/bot/token", json={"discord_user_id": "1"}, headers={"X-Bot-Secret": ""}
    )
    assert response.status_code == 401
