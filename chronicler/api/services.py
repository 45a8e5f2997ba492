"""The app's services (database, accounts, ...), built once by the factory and found per request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from flask import current_app

from chronicler.accounts import Accounts
from chronicler.api.throttle import LoginThrottle
from chronicler.store import Database


@dataclass
class Services:
    """What the routes use; tests build the app with their own."""

    db: Database
    accounts: Accounts
    login_throttle: LoginThrottle


def services() -> Services:
    """The services of the app handling this request."""
    return cast(Services, current_app.extensions["chronicler"])
