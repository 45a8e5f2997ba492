"""Building SQL from validated identifiers and parameter placeholders, never from values."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from psycopg import sql

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def identifier(name: str) -> sql.Identifier:
    """A quoted identifier, after checking it is a plain lower-case SQL name."""
    if not isinstance(name, str) or not _IDENTIFIER.fullmatch(name):
        raise ValueError(f"not a valid SQL identifier: {name!r}")
    return sql.Identifier(name)


def identifiers(names: Iterable[str]) -> sql.Composed:
    """A comma-separated list of quoted identifiers."""
    return sql.SQL(", ").join(identifier(n) for n in names)


def where_clause(where: Mapping[str, Any] | None) -> tuple[sql.Composable, dict[str, Any]]:
    """`WHERE a = %(w_a)s AND b IS NULL ...` for equality filters, with its parameters."""
    if not where:
        return sql.SQL(""), {}
    parts: list[sql.Composable] = []
    params: dict[str, Any] = {}
    for column, value in where.items():
        if value is None:
            parts.append(sql.SQL("{} IS NULL").format(identifier(column)))
        else:
            key = f"w_{column}"
            parts.append(sql.SQL("{} = {}").format(identifier(column), sql.Placeholder(key)))
            params[key] = value
    return sql.SQL(" WHERE ") + sql.SQL(" AND ").join(parts), params


def assignments(values: Mapping[str, Any], prefix: str = "v_") -> tuple[sql.Composable, dict[str, Any]]:
    """`a = %(v_a)s, b = %(v_b)s` for an UPDATE, with its parameters."""
    if not values:
        raise ValueError("nothing to set")
    parts = [sql.SQL("{} = {}").format(identifier(col), sql.Placeholder(prefix + col)) for col in values]
    return sql.SQL(", ").join(parts), {prefix + col: v for col, v in values.items()}


def placeholders(columns: Iterable[str], prefix: str = "v_") -> sql.Composed:
    """`%(v_a)s, %(v_b)s` matching `columns`."""
    return sql.SQL(", ").join(sql.Placeholder(prefix + c) for c in columns)


def order_by(columns: Iterable[str] | str | None) -> sql.Composable:
    """`ORDER BY a, b DESC` from names, a leading '-' meaning descending."""
    if not columns:
        return sql.SQL("")
    if isinstance(columns, str):
        columns = [columns]
    parts = [
        sql.SQL("{} DESC").format(identifier(c[1:])) if c.startswith("-") else identifier(c) for c in columns
    ]
    return sql.SQL(" ORDER BY ") + sql.SQL(", ").join(parts)
