"""Dependencies point one way: bot → nlp, api/twitch/scheduler → the core parts, core → nlp."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "chronicler"
PACKAGES = (
    "accounts",
    "api",
    "bot",
    "cli",
    "config",
    "contract",
    "domain",
    "nlp",
    "pipeline",
    "runtime",
    "scheduler",
    "store",
    "twitch",
)
CORE = {"accounts", "contract", "domain", "pipeline", "store"}
# What each package may import of the others (config is the settings object, shared by all).
ALLOWED = {
    "nlp": {"config", "contract"},
    **{part: CORE | {"nlp", "config"} for part in CORE},
    "api": CORE | {"config"},
    "twitch": CORE | {"config"},
    "scheduler": CORE | {"config"},
    "bot": {"nlp", "contract", "config"},
    "config": set(),
    "runtime": {"contract"},
    "cli": set(PACKAGES),
}
FRAMEWORKS = {"flask", "werkzeug", "discord", "waitress"}


def _imports(package: str) -> set[tuple[str, str]]:
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module]
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
                else []
            )
            found.update((str(path.relative_to(ROOT)), _part(name)) for name in names)
    return found


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if parts[0] == "chronicler" and len(parts) > 1 else parts[0]


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_follow_the_arrows(package):
    wrong = {
        (path, top)
        for path, top in _imports(package)
        if top in PACKAGES and top != package and top not in ALLOWED[package]
    }
    assert not wrong, f"{package} may not import these: {sorted(wrong)}"


@pytest.mark.parametrize("package", sorted(CORE | {"nlp"}))
def test_core_and_nlp_import_no_framework_glue(package):
    wrong = {(path, top) for path, top in _imports(package) if top in FRAMEWORKS}
    assert not wrong, sorted(wrong)


def test_nothing_imports_cli():
    wrong = {(p, t) for pkg in PACKAGES if pkg != "cli" for p, t in _imports(pkg) if t == "cli"}
    assert not wrong, sorted(wrong)
