"""The layering spec: which part of `chronicler` may import which, and where SQL and psycopg may live.

contract   imports nothing of ours (what crosses a process boundary)
domain     contract only (pure: no database, no I/O, no framework)
store      domain and contract; the only home of psycopg and of SQL
nlp        contract only (parsing knows no storage)
bot        nlp and contract only (it talks to the rest over HTTP)
cli        anything; nothing imports it
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "chronicler"
PARTS = (
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
CORE = {"contract", "domain", "store"}
# What each part may import of the others.
ALLOWED: dict[str, set[str]] = {
    "contract": set(),
    "domain": {"contract"},
    "store": {"domain", "contract"},
    "nlp": {"contract"},
    "bot": {"nlp", "contract"},
    "config": {"contract"},
    "runtime": {"contract"},
    "pipeline": CORE,
    "accounts": CORE | {"config"},
    "api": CORE | {"pipeline", "accounts", "config"},
    "twitch": CORE | {"pipeline", "config", "runtime"},
    "scheduler": CORE | {"config", "runtime"},
    "cli": set(PARTS),
}
WEB_AND_CHAT_FRAMEWORKS = {"flask", "werkzeug", "waitress", "discord", "twitchio", "aiohttp", "requests"}
DATABASE_DRIVERS = {"psycopg", "psycopg_pool", "pgserver", "yoyo"}
# A statement as written in a string: a keyword that starts SQL, then what must follow it.
SQL = re.compile(
    r"\b(SELECT\s[\w*(]|INSERT\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|LISTEN\s+\w|NOTIFY\s+\w"
    r"|SKIP\s+LOCKED\b|CREATE\s+(TABLE|INDEX)\b|COPY\s+\w+\s*\()"
)


@cache
def _modules(part: str) -> tuple[tuple[str, ast.Module], ...]:
    return tuple(
        (str(path.relative_to(PACKAGE)), ast.parse(path.read_text(), str(path)))
        for path in sorted((PACKAGE / part).rglob("*.py"))
    )


def _imports(part: str) -> set[tuple[str, str]]:
    """(file, what it imports): our part's name for `chronicler.x...`, else the top-level module."""
    found = set()
    for path, tree in _modules(part):
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            found.update((path, _part(name)) for name in names)
    return found


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if parts[0] == "chronicler" and len(parts) > 1 else parts[0]


def _strings(part: str) -> set[tuple[str, int, str]]:
    """Every string constant in the part's code, docstrings excluded."""
    found = set()
    for path, tree in _modules(part):
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                found.add((path, node.lineno, node.value))
    return found


def test_every_part_is_in_the_spec():
    on_disk = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert on_disk == set(PARTS) == set(ALLOWED)


@pytest.mark.parametrize("part", PARTS)
def test_imports_follow_the_arrows(part):
    wrong = {
        (path, top)
        for path, top in _imports(part)
        if top in PARTS and top != part and top not in ALLOWED[part]
    }
    assert not wrong, f"{part} may not import these: {sorted(wrong)}"


def test_nothing_imports_cli():
    wrong = {(p, t) for part in PARTS if part != "cli" for p, t in _imports(part) if t == "cli"}
    assert not wrong, sorted(wrong)


@pytest.mark.parametrize("part", ["contract", "domain", "store", "nlp", "pipeline", "accounts"])
def test_the_inner_parts_import_no_web_or_chat_framework(part):
    wrong = {(path, top) for path, top in _imports(part) if top in WEB_AND_CHAT_FRAMEWORKS}
    assert not wrong, sorted(wrong)


@pytest.mark.parametrize("part", [p for p in PARTS if p != "store"])
def test_only_the_store_imports_a_database_driver(part):
    wrong = {(path, top) for path, top in _imports(part) if top in DATABASE_DRIVERS}
    assert not wrong, sorted(wrong)


@pytest.mark.parametrize("part", [p for p in PARTS if p != "store"])
def test_only_the_store_writes_sql(part):
    wrong = {(path, line, text[:60]) for path, line, text in _strings(part) if SQL.search(text)}
    assert not wrong, sorted(wrong)


def test_the_sql_detector_sees_statements_and_not_prose():
    assert SQL.search("SELECT id FROM stream_sessions") and SQL.search("UPDATE users SET webhook = %s")
    assert SQL.search("SELECT * FROM t") and SQL.search("LISTEN chronicler_sessions")
    assert not SQL.search("select the best moments") and not SQL.search("Please select a channel")
