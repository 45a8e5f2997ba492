"""docker-compose.yml and the Dockerfile point at entry points that exist (no Docker engine runs here)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from chronicler.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_every_service_command_is_a_chronicler_command():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'ENTRYPOINT ["chronicler"]' in dockerfile
    services = _compose()["services"]
    assert {"db", "api", "bot", "twitch", "scheduler"} <= set(services)
    for name, service in services.items():
        if name == "db":
            continue
        command = service["command"]
        assert command[0] in cli.commands, f"{name}: chronicler has no command {command[0]!r}"


def test_the_database_service():
    db = _compose()["services"]["db"]
    assert db["image"].startswith("postgres:16")
    assert "healthcheck" in db and db["volumes"]


def test_the_image_copies_every_package_and_runs_unprivileged():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "COPY chronicler ./chronicler" in dockerfile
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.MULTILINE)
    assert "FROM python:3.11-slim" in dockerfile


def test_every_setting_is_documented_in_the_example_env():
    from chronicler.config.settings import Settings

    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    missing = {name.upper() for name in Settings.model_fields} - documented
    assert not missing, f"add to .env.example: {sorted(missing)}"
