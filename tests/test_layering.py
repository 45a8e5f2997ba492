"""Dependencies point one way: bot → ai, api → core, twitch → core, scheduler → core, core → ai."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("ai", "api", "bot", "cli", "config", "core", "scheduler", "twitch")
# What each package may import of the others (config is the settings object, shared by all).
ALLOWED = {
    "ai": {"config"},
    "core": {"ai", "config"},
    "api": {"core", "config"},
    "twitch": {"core", "config"},
    "scheduler": {"core", "config"},
    "bot": {"ai", "config"},
    "config": set(),
    "cli": set(PACKAGES),
}
FRAMEWORKS = {"flask", "werkzeug", "discord", "waitress"}


def _imports(package: str) -> set[tuple[str, str]]:
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 else []
            found.update((str(path.relative_to(ROOT)), name.split(".")[0]) for name in names)
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_follow_the_arrows(package):
    wrong = {(path, top) for path, top in _imports(package)
             if top in PACKAGES and top != package and top not in ALLOWED[package]}
    assert not wrong, f"{package} may not import these: {sorted(wrong)}"


@pytest.mark.parametrize("package", ["core", "ai"])
def test_core_and_ai_import_no_framework_glue(package):
    wrong = {(path, top) for path, top in _imports(package) if top in FRAMEWORKS}
    assert not wrong, sorted(wrong)


def test_nothing_imports_cli():
    wrong = {(p, t) for pkg in PACKAGES if pkg != "cli" for p, t in _imports(pkg) if t == "cli"}
    assert not wrong, sorted(wrong)
