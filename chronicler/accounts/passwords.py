"""Password rules and bcrypt hashing; bcrypt only sees passwords it can take."""

from __future__ import annotations

import bcrypt

from chronicler.contract.errors import InvalidInput

MIN_BYTES = 8
MAX_BYTES = 72  # bcrypt's limit: bcrypt 5 raises beyond it, older versions silently truncated

# A real hash to check against when the user does not exist, so a login takes as long either way.
_DUMMY_HASH = bcrypt.hashpw(b"not-a-real-password", bcrypt.gensalt(rounds=4))


def check_password_rules(password: object) -> bytes:
    """Return the password as UTF-8 bytes, or raise InvalidInput saying what is wrong."""
    if not isinstance(password, str):
        raise InvalidInput("password must be a string", field="password")
    encoded = password.encode("utf-8", errors="strict") if _encodable(password) else None
    if encoded is None:
        raise InvalidInput("password must be valid Unicode text", field="password")
    if len(encoded) < MIN_BYTES:
        raise InvalidInput(f"password must be at least {MIN_BYTES} bytes long", field="password")
    if len(encoded) > MAX_BYTES:
        raise InvalidInput(
            f"password must be at most {MAX_BYTES} bytes of UTF-8 (this one is {len(encoded)}); "
            "accented letters and emoji take more than one byte each",
            field="password",
        )
    return encoded


def hash_password(password: str, rounds: int = 12) -> str:
    """A bcrypt hash of a password that passes the rules."""
    return bcrypt.hashpw(check_password_rules(password), bcrypt.gensalt(rounds=rounds)).decode("ascii")


def verify_password(password: str, hashed: str | None) -> bool:
    """Whether `password` matches `hashed`; False (never an error) for anything bcrypt cannot take."""
    try:
        encoded = check_password_rules(password)
    except InvalidInput:
        encoded = None
    target = hashed.encode("ascii") if hashed else _DUMMY_HASH
    try:
        matched = bcrypt.checkpw(encoded or b"\0" * MIN_BYTES, target)
    except ValueError:  # a corrupt stored hash
        return False
    return matched and encoded is not None and hashed is not None


def _encodable(text: str) -> bool:
    """Lone surrogates (possible from JSON '\\ud800') cannot be UTF-8 encoded."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
