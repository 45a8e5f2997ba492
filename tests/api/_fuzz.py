"""A seeded fuzzer derived from the OpenAPI document: hostile requests, and what every answer must be.

    fuzzer = Fuzzer(spec, Keys.of(settings, user_id, ...), seed=18)
    report = run(app, fuzzer, requests=1000)          # report.problems == [] when the API held

For each operation the document lists it makes requests whose path and query parameters and JSON
bodies follow the document's schemas, or break them on purpose (wrong types, out of range, NaN,
1e999, lone surrogates, deep nesting, huge strings, not JSON, the wrong content type), sent with a
valid token, an expired one, a forged one (another key, `alg: none`), garbage, or none. Every answer
is held to the document: no 5xx, a status the operation declares (or the framework's 404/405 for a
path that routes nowhere), errors as `ErrorOut`, JSON that is JSON (no NaN), 2xx bodies that match
the declared schema. Only the stdlib's `random` with a fixed seed chooses, so a run can be replayed;
tests/api/test_fuzz.py runs it in the suite and bench/api_fuzz.py at length.
"""

from __future__ import annotations

import base64
import json
import random
import re
import string
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect
from werkzeug.test import TestResponse

from chronicler.accounts.access_tokens import AccessTokens
from chronicler.config.settings import Settings
from chronicler.contract.api import ErrorOut
from chronicler.contract.errors import ErrorCode
from tests.api.contract_check import exact

_CONVERTER = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")
_RAW = "\x01raw\x01"  # marks a value to splice into the body as raw text (NaN, 1e999, deep nesting...)
_MAX_WIRE_BYTES = 1024 * 1024 + 4096  # a "1 MB string" body, enough to pass any body limit
NO_ROUTE = "(no route: the framework's 404, 405 or 308)"


# -- the document ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    """One method of one path in the document."""

    method: str
    path: str
    spec: dict[str, Any]

    @property
    def name(self) -> str:
        """`GET /api/flags`, as reports show it."""
        return f"{self.method.upper()} {self.path}"

    @property
    def statuses(self) -> set[int]:
        """The statuses the document declares for this operation."""
        return {int(s) for s in self.spec["responses"]}

    @property
    def auth(self) -> str | None:
        """The security scheme (`bearer`, `bot`) or None."""
        security = self.spec.get("security") or [{}]
        return next(iter(security[0]), None)

    def parameters(self, where: str) -> list[dict[str, Any]]:
        """The path or query parameters."""
        return [p for p in self.spec.get("parameters", []) if p["in"] == where]


def operations(spec: dict[str, Any]) -> list[Operation]:
    """Every operation of the document, in its order."""
    return [
        Operation(method, path, op) for path, item in spec["paths"].items() for method, op in item.items()
    ]


# -- credentials ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Keys:
    """What the fuzzer needs to make good and bad credentials for one user."""

    jwt_secret: str
    issuer: str
    audience: str
    bot_secret: str
    user_id: int
    username: str
    password: str

    @classmethod
    def of(cls, settings: Settings, user_id: int, username: str, password: str) -> Keys:
        """The keys of the app built with `settings`, for the user `user_id`."""
        assert settings.jwt_secret and settings.bot_api_secret
        return cls(
            settings.jwt_secret,
            settings.jwt_issuer,
            settings.jwt_audience,
            settings.bot_api_secret,
            user_id,
            username,
            password,
        )


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


class Credentials:
    """Authorization headers of every kind: valid, expired, forged, `alg: none`, garbage, none."""

    def __init__(self, keys: Keys) -> None:
        self.keys = keys
        self._valid = AccessTokens(keys.jwt_secret, issuer=keys.issuer, audience=keys.audience)
        past = datetime.now(UTC) - timedelta(hours=2)
        self._expired = AccessTokens(
            keys.jwt_secret, issuer=keys.issuer, audience=keys.audience, clock=lambda: past
        )
        self._forged = AccessTokens(
            "an-attacker-key-that-is-long-enough-000000", issuer=keys.issuer, audience=keys.audience
        )
        self.used: list[str] = []  # tokens already sent: reused ones may have been revoked by a logout

    def valid(self) -> str:
        """A fresh access token (a logout revokes the one it was sent with)."""
        token = self._valid.issue(self.keys.user_id)[0]
        self.used.append(token)
        del self.used[:-20]
        return token

    def bearer(self, rng: random.Random) -> tuple[str, dict[str, str]]:
        """A kind of credential and its headers for a bearer-protected operation."""
        kind = rng.choices(
            ["valid", "none", "expired", "forged", "alg_none", "garbage", "reused", "scheme"],
            weights=[55, 7, 7, 7, 6, 8, 5, 5],
        )[0]
        uid = self.keys.user_id
        token = {
            "valid": lambda: self.valid(),
            "expired": lambda: self._expired.issue(uid)[0],
            "forged": lambda: self._forged.issue(uid)[0],
            "alg_none": lambda: self._unsigned(uid),
            "garbage": lambda: rng.choice(
                [
                    "",
                    "x",
                    "a.b.c",
                    "e30.e30.",
                    "...",
                    "A" * 9000,
                    "ey" + "A" * 40 + ".x.y",
                    "\t",
                    "null",
                    "\xe9\xff.\xe9.x",
                ]
            ),
            "reused": lambda: rng.choice(self.used) if self.used else self.valid(),
            "scheme": lambda: self.valid(),
        }.get(kind, lambda: "")()
        if kind == "none":
            return kind, {}
        if kind == "scheme":
            scheme = rng.choice(["bearer", "BEARER", "Basic", "Token", "Bearer  ", ""])
            return kind, {"Authorization": f"{scheme} {token}"}
        return kind, {"Authorization": f"Bearer {token}"}

    def bot(self, rng: random.Random) -> tuple[str, dict[str, str]]:
        """A kind of credential and its headers for an operation only the bot may call."""
        kind = rng.choices(["valid", "none", "wrong", "empty", "huge"], weights=[65, 10, 10, 5, 10])[0]
        value = {
            "valid": self.keys.bot_secret,
            "wrong": self.keys.bot_secret[:-1] + "x",
            "empty": "",
            "huge": "s" * 10_000,
        }.get(kind)
        return kind, {} if value is None else {"X-Bot-Secret": value}

    def _unsigned(self, user_id: int) -> str:
        """A well-formed token with `alg: none` and no signature: it must be refused."""
        now = int(datetime.now(UTC).timestamp())
        header = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
        claims = {
            "iss": self.keys.issuer,
            "aud": self.keys.audience,
            "sub": str(user_id),
            "iat": now,
            "exp": now + 600,
            "jti": "f" * 32,
            "typ": "access",
        }
        return f"{header}.{_b64(json.dumps(claims).encode())}."


# -- values from schemas --------------------------------------------------------------------------

# Good values for fields the API checks beyond their type, so that some requests get through.
_HINTS: dict[str, list[Any]] = {
    "channel": ["pixel_wren", "cozy_streamer", "a" * 25],
    "twitch_channel": ["pixel_wren", "other_channel", None],
    "timezone": ["UTC", "Europe/Paris", "America/New_York", "Mars/Olympus"],
    "webhook_url": ["https://discord.com/api/webhooks/123456789/abcDEF_token", None, "javascript:alert(1)"],
    "username": ["pixel_wren", "chatter_1", "Viewer99"],
    "discord_user_id": ["123456789012345678", "987654321098765432", "42", "not-digits"],
    "badges": [[], ["moderator"], ["vip", "subscriber"], ["broadcaster"], ["astronaut"]],
    "parser": ["rules", "llm"],
    "blocked_terms": [["buy followers", "cheap*viewers"], [], ["*"]],
    "allowed_domains": [["pixelwren.example"], [], ["not a domain"]],
    "code": ["ABCDE-FGH23"],
    "password": ["correct horse"],
    "text": ["hello chat", "buy followers at cheap-views.example", "clip it!", "@pixel_wren how are you?"],
}
_STRINGS = [
    "",
    "a",
    "pixel_wren",
    "hello world",
    "Robert'); DROP TABLE users;--",
    "' OR 1=1 --",
    "🔥🔥🔥",
    "ｐｉｘｅｌ",
    "\u202eevil",
    "é" * 40,
    "\u0000",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%s%s%n",
    "null",
    "\n\r\t",
]
_INTEGERS = [0, 1, -1, 2, 5, 20, 100, 1440, 10_000, 2**31, -(2**31), 2**63, -(2**63) - 1, 10**30]
_NUMBERS = [0.0, -0.0, 0.5, -1.5, 1e308, -1e308, 5e-324, 123.456]
_RAW_NUMBERS = ["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1" * 400, "9" * 5000, "0.1e-99999", "-0"]


class Schemas:
    """Values for the document's schemas: valid ones, and ones of the wrong type."""

    def __init__(self, spec: dict[str, Any], rng: random.Random, pools: dict[str, list[Any]]) -> None:
        self.components = spec["components"]["schemas"]
        self.rng = rng
        self.pools = pools  # values seen in answers, by field name (ids, link codes, refresh tokens)

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        """`schema` with its `$ref` followed."""
        while "$ref" in schema:
            schema = self.components[schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    def value(self, schema: dict[str, Any], name: str = "", depth: int = 0) -> Any:
        """A value that (mostly) follows `schema`; fields with hints or pools take known-good values."""
        rng = self.rng
        schema = self.resolve(schema)
        if name in self.pools and self.pools[name] and rng.random() < 0.6:
            return rng.choice(self.pools[name])
        if name in _HINTS and rng.random() < 0.7:
            return rng.choice(_HINTS[name])
        for key in ("anyOf", "oneOf"):
            if key in schema:
                return self.value(rng.choice(schema[key]), name, depth)
        if "enum" in schema:
            return rng.choice(schema["enum"])
        if "const" in schema:
            return schema["const"]
        kind = schema.get("type", rng.choice(["string", "integer", "object"]))
        if kind == "string":
            return self._string(schema)
        if kind == "integer":
            low, high = schema.get("minimum"), schema.get("maximum")
            if low is not None and high is not None and rng.random() < 0.7:
                return rng.randint(low, high)
            return rng.choice(_INTEGERS)
        if kind == "number":
            return rng.choice([*_NUMBERS, rng.uniform(0, 5000)])
        if kind == "boolean":
            return rng.random() < 0.5
        if kind == "null":
            return None
        if kind == "array":
            if depth > 4:
                return []
            count = rng.choice([0, 1, 2, 3, schema.get("maxItems", 3), schema.get("maxItems", 3) + 1])
            return [self.value(schema.get("items", {}), "", depth + 1) for _ in range(min(count, 300))]
        if kind == "object":
            return self.object(schema, depth)
        return None

    def example(self, schema: dict[str, Any], name: str = "") -> Any:
        """A plain valid value, the same every time: a hint, a choice, the lowest number, a short string."""
        schema = self.resolve(schema)
        if name in _HINTS:
            return _HINTS[name][0]
        if "anyOf" in schema:
            return self.example(schema["anyOf"][0], name)
        if "enum" in schema:
            return schema["enum"][0]
        if "default" in schema:
            return schema["default"]
        kind = schema.get("type")
        if kind == "object":
            properties = schema.get("properties", {})
            return {key: self.example(properties[key], key) for key in schema.get("required", [])}
        plain = {"integer": schema.get("minimum", 1), "number": 1.0, "boolean": True, "array": []}
        return plain.get(kind, "x" * max(schema.get("minLength", 1), 1))

    def object(self, schema: dict[str, Any], depth: int = 0) -> dict[str, Any]:
        """An object with every required property and some of the optional ones."""
        schema = self.resolve(schema)
        required = set(schema.get("required", []))
        found = {
            key: self.value(sub, key, depth + 1)
            for key, sub in schema.get("properties", {}).items()
            if key in required or self.rng.random() < 0.5
        }
        if not schema.get("properties") and depth < 4:  # a free-form object (`dict[str, Any]`)
            for _ in range(self.rng.randint(0, 3)):
                found[self.rng.choice(["action", "slots", "k", "é"])] = self.wrong()
        return found

    def wrong(self) -> Any:
        """A value of any type at all."""
        return self.rng.choice(
            [
                None,
                True,
                0,
                -1,
                2**64,
                1.5,
                "",
                "text",
                [],
                [1, "a"],
                {},
                {"nested": {"deeper": [None]}},
            ]
        )

    def _string(self, schema: dict[str, Any]) -> str:
        rng = self.rng
        high = schema.get("maxLength")
        low = schema.get("minLength", 0)
        roll = rng.random()
        if roll < 0.45:
            return rng.choice(_STRINGS)
        if high is not None and roll < 0.6:
            return "x" * rng.choice([high, high + 1])
        if roll < 0.65 and low:
            return "x" * (low - 1)
        length = rng.randint(1, min(high or 30, 30))
        return "".join(rng.choice(string.ascii_lowercase + "_0123456789") for _ in range(length))


# -- requests -------------------------------------------------------------------------------------


@dataclass
class Case:
    """One request: what it was made of (for the report) and what goes on the wire."""

    op: Operation
    method: str
    url: str
    headers: dict[str, str]
    data: bytes | None
    content_type: str | None
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """The request in one line, shortened, for a failure message."""
        body = (self.data or b"")[:200]
        return (
            f"{self.method} {self.url[:300]} [{', '.join(self.notes)}] ct={self.content_type} body={body!r}"
        )


_PATH_HOSTILE = [
    "-1",
    "0",
    "9" * 19,
    "9" * 40,
    "%C2%B9",  # '¹': isdigit() but not int()
    "%D9%A3",  # Arabic-Indic three
    "%EF%BC%91",  # fullwidth one
    "abc",
    "%2F",
    "..",
    "%00",
    "%25",
    "%FF",
    "%C3%28",
    "%20",
    quote("' OR 1=1--"),
    "current%00",
    "CURRENT",
    "Last",
    "1.5",
    "1e3",
    "0x10",
    "x" * 3000,
    "",
]


class Fuzzer:
    """Makes the requests; remembers ids, codes and tokens from the answers to use them again."""

    def __init__(self, spec: dict[str, Any], keys: Keys, *, seed: int) -> None:
        self.spec = spec
        self.rng = random.Random(seed)
        self.ops = operations(spec)
        self.credentials = Credentials(keys)
        self.pools: dict[str, list[Any]] = {"password": [keys.password], "username": [keys.username]}
        self.schemas = Schemas(spec, self.rng, self.pools)

    def cases(self, count: int) -> Iterator[Case]:
        """`count` requests, every operation in turn, each made afresh."""
        for i in range(count):
            yield self.case(self.ops[i % len(self.ops)])

    def case(self, op: Operation) -> Case:
        """One request for `op`."""
        notes: list[str] = []
        path = op.path
        for param in op.parameters("path"):
            value, note = self._path_value(param)
            notes.append(f"{param['name']}={note}")
            path = path.replace("{" + param["name"] + "}", value)
        query, qnotes = self._query(op)
        notes += qnotes
        method = op.method.upper()
        roll = self.rng.random()
        if roll < 0.03:  # a method the path does not take: 405 with Allow
            method = self.rng.choice(["PUT", "DELETE", "PATCH", "POST", "GET"])
            notes.append(f"method={method}")
        elif roll < 0.05:  # a trailing slash or a doubled one: no such endpoint
            path = path + "/" if self.rng.random() < 0.5 else path.replace("/api/", "/api//", 1)
            notes.append("odd path")
        url = path + (f"?{query}" if query else "")
        headers: dict[str, str] = {}
        if op.auth == "bearer":
            kind, headers = self.credentials.bearer(self.rng)
            notes.append(f"auth={kind}")
        elif op.auth == "bot":
            kind, headers = self.credentials.bot(self.rng)
            notes.append(f"bot={kind}")
        elif self.rng.random() < 0.1:
            headers = {"Authorization": "Bearer " + self.credentials.valid()}
        data, content_type, bnote = self._body(op)
        if bnote:
            notes.append(f"body={bnote}")
        return Case(op, method, url, headers, data, content_type, notes)

    def learn(self, body: Any) -> None:
        """Keep ids, link codes and refresh tokens the API answered with, for later requests."""
        stack = [body]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                for key, item in value.items():
                    if key in ("id", "session_id") and isinstance(item, int):
                        self._keep("ref", str(item))
                        self._keep("flag_id", str(item))
                    elif key in ("code", "refresh_token") and isinstance(item, str):
                        self._keep(key, item)
                    elif key == "next_cursor" and isinstance(item, str):
                        self._keep("cursor", item)
                    stack.append(item)
            elif isinstance(value, list):
                stack.extend(value)

    def _keep(self, name: str, value: Any) -> None:
        pool = self.pools.setdefault(name, [])
        if value not in pool:
            pool.append(value)
            del pool[:-30]

    def _path_value(self, param: dict[str, Any]) -> tuple[str, str]:
        """A path segment (already percent-encoded) and a note saying what it is."""
        rng, schema = self.rng, param["schema"]
        if rng.random() < 0.35:
            value = rng.choice(_PATH_HOSTILE)
            return value, f"hostile:{value[:20]}"
        known = self.pools.get(param["name"])
        if known and rng.random() < 0.5:
            return rng.choice(known), "known"
        if "enum" in schema:
            return quote(rng.choice(schema["enum"]), safe=""), "enum"
        if "pattern" in schema and "current" in schema["pattern"]:
            return rng.choice(["current", "last", str(rng.randint(1, 50)), "9" * 18]), "ref"
        if schema.get("type") == "integer":
            return str(rng.choice([rng.randint(0, 50), 2**31, 2**63, 10**18])), "int"
        return quote(self.schemas.value(schema) or "x", safe=""), "value"

    def _query(self, op: Operation) -> tuple[str, list[str]]:
        """A query string (already encoded) and notes."""
        rng = self.rng
        pairs: list[tuple[str, str]] = []
        notes: list[str] = []
        for param in op.parameters("query"):
            if rng.random() < 0.4:
                continue
            name, schema = param["name"], param["schema"]
            if rng.random() < 0.6:
                value = quote(str(self._query_valid(schema)), safe="")
                notes.append(f"{name}=ok")
            else:
                value = self._query_hostile(schema)
                notes.append(f"{name}=hostile:{value[:20]}")
            pairs.append((name, value))
            if rng.random() < 0.08:  # repeated: the API reads the first
                pairs.append((name, self._query_hostile(schema)))
                notes.append(f"{name}=repeated")
        if rng.random() < 0.05:
            pairs.append(("unknown_param", "1"))
        if rng.random() < 0.02:
            pairs.append(("q", "z" * 60_000))
            notes.append("huge query")
        return "&".join(f"{quote(k, safe='')}={v}" for k, v in pairs), notes

    def _query_valid(self, schema: dict[str, Any]) -> Any:
        if "enum" in schema:
            return self.rng.choice(schema["enum"])
        if schema.get("type") == "integer":
            return self.rng.choice(
                [schema["minimum"], schema["maximum"], self.rng.randint(schema["minimum"], schema["maximum"])]
            )
        if self.pools.get("cursor") and self.rng.random() < 0.3:
            return self.rng.choice(self.pools["cursor"])
        return self.rng.choice(["pixel_wren", "chatter_1", "a"])

    def _query_hostile(self, schema: dict[str, Any]) -> str:
        """A value the parameter's schema refuses, or an edge of what it takes (already encoded)."""
        rng = self.rng
        common = ["", "%00", "%FF", "%C2%B9", "%D9%A3", quote("' OR 1=1--"), "null", "true", "%20"]
        if schema.get("type") == "integer":
            low, high = schema["minimum"], schema["maximum"]
            return rng.choice(
                [str(low - 1), str(high + 1), "abc", "1.5", "1e3", "%2B5", "%205", "0x10", "9" * 5000, "-0"]
                + ["NaN", "Infinity", str(-(2**63)), "1_0"]
                + common
            )
        if "enum" in schema:
            choice = rng.choice(schema["enum"])
            return rng.choice([choice.upper(), choice + "%20", "z" * 1000, "x", quote("é"), *common])
        high = schema.get("maxLength", 200)
        return rng.choice(["y" * (high + 1), "y" * high, quote("🔥" * high), *common])

    def _body(self, op: Operation) -> tuple[bytes | None, str | None, str]:
        """The body, its content type, and a note of how it was broken (empty: a schema-shaped one)."""
        rng = self.rng
        body_spec = op.spec.get("requestBody")
        if body_spec is None:
            if rng.random() < 0.1:  # a body where none is taken: it must be ignored or refused cleanly
                return b'{"unexpected": true}', "application/json", "unasked"
            return None, None, ""
        schema = body_spec["content"]["application/json"]["schema"]
        data = self.schemas.object(schema)
        how = rng.choices(
            ["valid", "missing", "extra", "wrong_type", "raw_number", "deep", "surrogate", "huge"]
            + ["not_json", "content_type", "empty", "duplicate", "nul", "top_level"],
            weights=[34, 6, 5, 8, 7, 4, 4, 5, 6, 6, 4, 3, 3, 5],
        )[0]
        keys = list(self.schemas.resolve(schema).get("properties", {}))
        target = rng.choice(keys) if keys else "field"
        content_type = "application/json"
        raw: str | None = None
        if how == "missing" and data:
            del data[rng.choice(list(data))]
        elif how == "extra":
            data[rng.choice(["admin", "id", "user_id", "__proto__", "é"])] = self.schemas.wrong()
        elif how == "wrong_type":
            data[target] = self.schemas.wrong()
        elif how == "raw_number":
            data[target] = _RAW + rng.choice(_RAW_NUMBERS)
        elif how == "deep":
            levels = rng.choice([10, 33, 40, 1000, 30_000])
            data[target] = _RAW + "[" * levels + "]" * levels
        elif how == "surrogate":
            data[target] = rng.choice(["\ud800", "a\udfffb", "\udbff"])  # json.dumps writes "\ud800"
        elif how == "huge":
            data[target] = "h" * rng.choice([8_001, 20_001, 60_000, _MAX_WIRE_BYTES])
        elif how == "not_json":
            raw = rng.choice(["{not json", "", "\ufeff{}", "{'a': 1}", '{"a": }', "nul", "\xff"])
        elif how == "content_type":
            content_type = rng.choice(
                [None, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin-1"]
                + ["application/vnd.api+json", "multipart/form-data; boundary=x", "application/xml"]
            )
        elif how == "empty":
            raw = rng.choice(["", "{}"])
        elif how == "duplicate" and keys:
            raw = json.dumps(data)[:-1] + (", " if data else "") + f'"{target}": null}}'
        elif how == "nul":  # at the top, and nested where a field-level check would not see it
            data[target] = rng.choice(["a\u0000b", ["ok", "a\u0000"], {"k": "\u0000"}, {"\u0000": 1}])
        elif how == "top_level":
            raw = rng.choice(["[]", '"text"', "42", "null", "true", "[{}]"])
        text = raw if raw is not None else _dumps(data)
        encoded = text.encode("utf-8", "surrogatepass") if text != "\xff" else b"\xff\xfe"
        return encoded, content_type, how


def _dumps(data: dict[str, Any]) -> str:
    """JSON text, with `_RAW`-marked strings spliced in as raw text (what no encoder would write)."""
    text = json.dumps(data)
    return re.sub(r'"\\u0001raw\\u0001(.*?)"', lambda m: json.loads(f'"{m.group(1)}"'), text)


# -- answers --------------------------------------------------------------------------------------


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} in a JSON answer")


class Judge:
    """Holds each answer to the document (and to the contract models behind it)."""

    def __init__(self, app: Flask, spec: dict[str, Any], *, outage: bool = False) -> None:
        self.app = app
        self.spec = spec
        self.outage = outage  # the database is away on purpose: a declared 503 is the right answer
        self._validators: dict[str, Draft202012Validator] = {}

    def route(self, response: TestResponse) -> tuple[Operation | None, set[int]]:
        """The operation the request reached (None: the framework answered) and the statuses it may give."""
        adapter = self.app.url_map.bind_to_environ(response.request.environ)
        try:
            rule, _args = adapter.match(return_rule=True)
        except NotFound:
            return None, {404}
        except MethodNotAllowed:
            return None, {405}
        except RequestRedirect:
            return None, {308}
        path = _CONVERTER.sub(r"{\1}", rule.rule)
        method = response.request.method.lower()
        op = self.spec["paths"].get(path, {}).get(method)
        if op is None:
            return None, set()  # a route the document lacks: every answer is a problem
        return Operation(method, path, op), {int(s) for s in op["responses"]}

    def problems(self, response: TestResponse) -> list[str]:
        """What is wrong with an answer (empty when it keeps the document)."""
        status = response.status_code
        found: list[str] = []
        op, allowed = self.route(response)
        where = op.name if op else "(no route)"
        if status >= 500 and not (self.outage and status == 503):
            found.append(f"{status} from {where}")
        if status not in allowed:
            found.append(
                f"{where} answered {status}, which the document does not declare ({sorted(allowed)})"
            )
        if status == 308:
            return found  # a redirect to the canonical URL: no body to judge
        if not response.is_json:
            found.append(f"{where} {status}: not JSON ({response.content_type})")
            return found
        try:
            body = json.loads(response.get_data(as_text=True), parse_constant=_no_constants)
        except ValueError as exc:
            found.append(f"{where} {status}: the body is not valid JSON: {exc}")
            return found
        declared = op.spec["responses"].get(str(status), {}) if op else {}
        schema = declared.get("content", {}).get("application/json", {}).get("schema", {})
        # An error is an ErrorOut unless the document names another body for it (/health's 503).
        if status >= 400 and (not schema or schema.get("$ref", "").endswith("/ErrorOut")):
            try:
                parsed = exact(ErrorOut, body, exclude_none=True)
            except AssertionError as exc:
                found.append(f"{where} {status}: not an ErrorOut: {exc}")
                return found
            if parsed.error.code not in set(ErrorCode):
                found.append(f"{where} {status}: unknown error code {parsed.error.code!r}")
            if status == 429 and not response.headers.get("Retry-After", "").isdigit():
                found.append(f"{where} 429 without a Retry-After")
            if status == 405 and not response.headers.get("Allow"):
                found.append(f"{where} 405 without an Allow header")
        if op is not None and str(status) in op.spec["responses"]:
            found += self._schema_problems(op, status, body)
        return found

    def _schema_problems(self, op: Operation, status: int, body: Any) -> list[str]:
        """The body against the schema the document gives for this status."""
        content = op.spec["responses"][str(status)].get("content")
        if not content:
            return []
        key = f"{op.name} {status}"
        if key not in self._validators:
            schema = {**content["application/json"]["schema"], "components": self.spec["components"]}
            self._validators[key] = Draft202012Validator(schema)
        error = next(iter(self._validators[key].iter_errors(body)), None)
        return (
            [] if error is None else [f"{key}: the body does not match the document: {error.message[:300]}"]
        )


# -- a run ----------------------------------------------------------------------------------------


@dataclass
class Report:
    """What a run sent and found."""

    counts: Counter[tuple[str, int]] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    requests: int = 0

    @property
    def server_errors(self) -> int:
        """How many answers were 5xx."""
        return sum(n for (_op, status), n in self.counts.items() if status >= 500)

    def table(self) -> str:
        """Counts by operation and status, one operation a line."""
        by_op: dict[str, Counter[int]] = {}
        for (name, status), n in sorted(self.counts.items()):
            by_op.setdefault(name, Counter())[status] += n
        width = max((len(name) for name in by_op), default=10)
        lines = [
            f"{name:<{width}}  " + "  ".join(f"{status}:{n}" for status, n in sorted(statuses.items()))
            for name, statuses in by_op.items()
        ]
        return "\n".join(lines)


def send(client: FlaskClient, case: Case) -> TestResponse:
    """Send `case` through the test client (in process: the real app, the real database)."""
    return client.open(
        case.url, method=case.method, headers=case.headers, data=case.data, content_type=case.content_type
    )


def run(
    app: Flask,
    fuzzer: Fuzzer,
    *,
    requests: int,
    on_case: Callable[[Case], None] | None = None,
) -> Report:
    """Send `requests` cases and judge every answer; registration is opened and closed at random."""
    client = app.test_client()
    judge = Judge(app, fuzzer.spec)
    report = Report()
    settings: Settings = app.config["SETTINGS"]
    for case in fuzzer.cases(requests):
        if case.op.path == "/api/register":
            open_ = fuzzer.rng.random() < 0.7
            app.config["SETTINGS"] = settings.model_copy(update={"allow_registration": open_})
        if on_case is not None:
            on_case(case)
        response = send(client, case)
        app.config["SETTINGS"] = settings
        report.requests += 1
        reached, _statuses = judge.route(response)  # a swapped method or an odd path reaches another
        report.counts[(reached.name if reached else NO_ROUTE, response.status_code)] += 1
        found = judge.problems(response)
        if found:
            report.problems += [f"{p}\n    request: {case.describe()}" for p in found]
        elif 200 <= response.status_code < 300 and response.is_json:
            fuzzer.learn(response.get_json())
    return report
