"""Password rules and hashing."""

from __future__ import annotations

import pytest

from chronicler.accounts.passwords import check_password_rules, hash_password, verify_password
from chronicler.config.settings import Settings
from chronicler.contract.errors import InvalidInput


def test_the_product_default_cost_is_12():
    assert Settings().bcrypt_rounds == 12
    assert hash_password("correct horse", 12).startswith("$2b$12$")


@pytest.mark.parametrize("password", ["", "short", "a" * 73, "é" * 37, None, 12345678])
def test_rules_refuse(password):
    with pytest.raises(InvalidInput) as caught:
        check_password_rules(password)
    assert caught.value.field == "password"


def test_verify_never_raises():
    hashed = hash_password("correct horse", 4)
    assert verify_password("correct horse", hashed)
    assert not verify_password("wrong horse", hashed)
    assert not verify_password("a" * 500, hashed)
    assert not verify_password("correct horse", "not-a-hash")
    assert not verify_password("correct horse", None)
