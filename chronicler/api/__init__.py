"""The JSON API: `create_app(settings)` builds a Flask app with one blueprint per area."""

from __future__ import annotations

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from chronicler.accounts import Accounts
from chronicler.api import errors
from chronicler.api.routes import auth, bot, docs, health, interactions, ledgers, me, modes, queries, sessions
from chronicler.api.routes import twitch as twitch_routes
from chronicler.api.services import Services
from chronicler.api.throttle import LoginThrottle
from chronicler.config.settings import Settings
from chronicler.store import Database, connect, database_url

BLUEPRINTS = (
    health.bp,
    auth.bp,
    me.bp,
    bot.bp,
    sessions.bp,
    queries.bp,
    modes.bp,
    modes.warden_bp,
    interactions.bp,
    ledgers.bp,
    twitch_routes.bp,
    docs.bp,
)


def create_app(settings: Settings, *, db: Database | None = None, accounts: Accounts | None = None) -> Flask:
    """Build the app; `settings` must have its secrets set (config.secrets.with_secrets)."""
    app = Flask(__name__)
    app.config.update(
        SETTINGS=settings,
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        TESTING=settings.app_env == "test",
    )
    # Flask's own provider unless a subclass says otherwise; sort_keys is its setting.
    assert isinstance(app.json, DefaultJSONProvider)
    app.json.sort_keys = False  # keep bodies in the order the code builds them
    db = db or connect(
        database_url(settings.database_url, settings.pg_data),
        pool_min=settings.db_pool_min,
        pool_max=settings.db_pool_max,
    )
    app.extensions["chronicler"] = Services(
        db=db,
        accounts=accounts or Accounts.from_settings(db, settings),
        login_throttle=LoginThrottle(
            per_username=settings.login_limit_per_username,
            per_address=settings.login_limit_per_address,
            storage_uri=settings.ratelimit_storage_uri,
        ),
    )
    errors.init_app(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    return app
