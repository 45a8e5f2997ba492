"""A pooled PostgreSQL handle with transactions and the small CRUD helpers the domain needs."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from chronicler.contract.errors import ChroniclerError, InvalidInput, ServiceUnavailable
from chronicler.store import _sql

log = logging.getLogger(__name__)

Row = dict[str, Any]
# What psycopg's execute() accepts: plain strings and SQL built with psycopg.sql.
Query = str | sql.SQL | sql.Composed


# Not a Conflict: callers turn the duplicates they expect into one saying what clashed. This message
# names a constraint, nothing a user can act on, so one that escapes untranslated is a bug (500).
class UniqueViolation(ChroniclerError):
    """An INSERT or UPDATE broke a unique constraint; `constraint` names it."""

    def __init__(self, constraint: str | None) -> None:
        super().__init__(f"unique constraint violated: {constraint}")
        self.constraint = constraint


class Database:
    """A connection pool plus helpers; statements outside `transaction()` commit on their own."""

    def __init__(self, url: str, *, min_size: int = 1, max_size: int = 10, timeout: float = 10.0) -> None:
        self.url = url
        # Typed by its declared connection type: the row_factory below makes every row a dict.
        self._pool: ConnectionPool[psycopg.Connection[Row]] = ConnectionPool(
            url,
            min_size=min_size,
            max_size=max_size,
            timeout=timeout,
            kwargs={"autocommit": True, "row_factory": dict_row},
            open=False,
            name="chronicler",
            # Each connection is checked as it is lent: after a database restart the pooled ones are
            # dead, and without the check the first requests got them and answered 503.
            check=ConnectionPool.check_connection,
        )
        # The connection of the transaction in progress in this thread or task, so that helpers
        # called inside `with db.transaction():` join it instead of taking another connection.
        self._current: ContextVar[psycopg.Connection[Row] | None] = ContextVar(
            f"chronicler_tx_{id(self)}", default=None
        )

    def open(self, wait: bool = True) -> Database:
        """Open the pool (and by default wait until one connection works)."""
        try:
            self._pool.open(wait=wait, timeout=30.0)
        except PoolTimeout as exc:
            raise ServiceUnavailable("the database did not answer") from exc
        return self

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()

    def __enter__(self) -> Database:
        return self.open()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- connections and transactions -------------------------------------------------

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Row]]:
        """The current transaction's connection, or one borrowed from the pool."""
        current = self._current.get()
        if current is not None:
            yield current
            return
        try:
            with self._pool.connection() as conn:
                yield conn
        except PoolTimeout as exc:
            raise ServiceUnavailable("the database is busy or down") from exc
        except psycopg.OperationalError as exc:
            raise ServiceUnavailable("the database is unreachable") from exc

    @property
    def in_transaction(self) -> bool:
        """Whether this thread or task is inside `transaction()` (a new one would be a savepoint)."""
        return self._current.get() is not None

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection[Row]]:
        """Run the block in one transaction (a savepoint when nested); roll back on any error."""
        with self.connection() as conn, conn.transaction():
            token = self._current.set(conn)
            try:
                yield conn
            finally:
                self._current.reset(token)

    # -- raw statements ---------------------------------------------------------------

    def execute(self, query: Query, params: Mapping[str, Any] | Sequence[Any] | None = None) -> int:
        """Run a statement; return the number of rows it touched."""
        with self.connection() as conn, _mapped_errors():
            return conn.execute(query, params).rowcount

    def execute_many(self, query: Query, rows: Sequence[Sequence[Any] | Mapping[str, Any]]) -> None:
        """Run one statement for many parameter sets, pipelined by the driver."""
        with self.connection() as conn, _mapped_errors(), conn.cursor() as cur:
            cur.executemany(query, rows)

    def fetch_all(self, query: Query, params: Mapping[str, Any] | Sequence[Any] | None = None) -> list[Row]:
        """Every row of a query, as dicts."""
        with self.connection() as conn, _mapped_errors():
            return conn.execute(query, params).fetchall()

    def fetch_one(self, query: Query, params: Mapping[str, Any] | Sequence[Any] | None = None) -> Row | None:
        """The first row of a query, or None."""
        with self.connection() as conn, _mapped_errors():
            return conn.execute(query, params).fetchone()

    def fetch_value(self, query: Query, params: Mapping[str, Any] | Sequence[Any] | None = None) -> Any:
        """The first column of the first row, or None."""
        row = self.fetch_one(query, params)
        return None if row is None else next(iter(row.values()))

    # -- CRUD helpers -----------------------------------------------------------------

    def insert(self, table: str, values: Mapping[str, Any], *, returning: str | None = "*") -> Row | None:
        """INSERT one row; return it (or the `returning` column list)."""
        query = sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
            _sql.identifier(table), _sql.identifiers(values), _sql.placeholders(values)
        ) + _returning(returning)
        return self._write(query, {f"v_{k}": v for k, v in values.items()}, returning)

    def upsert(
        self,
        table: str,
        values: Mapping[str, Any],
        *,
        conflict: Sequence[str],
        update: Sequence[str] | None = None,
        returning: str | None = "*",
    ) -> Row | None:
        """INSERT, or UPDATE the `update` columns (default: all but `conflict`) on a conflict."""
        columns = [c for c in values if c not in conflict] if update is None else list(update)
        action: sql.Composable
        if columns:
            action = sql.SQL("DO UPDATE SET ") + sql.SQL(", ").join(
                sql.SQL("{0} = EXCLUDED.{0}").format(_sql.identifier(c)) for c in columns
            )
        else:
            action = sql.SQL("DO NOTHING")
        query = (
            sql.SQL("INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) ").format(
                _sql.identifier(table),
                _sql.identifiers(values),
                _sql.placeholders(values),
                _sql.identifiers(conflict),
            )
            + action
            + _returning(returning)
        )
        return self._write(query, {f"v_{k}": v for k, v in values.items()}, returning)

    def select(
        self,
        table: str,
        where: Mapping[str, Any] | None = None,
        *,
        columns: Sequence[str] | None = None,
        order_by: Sequence[str] | str | None = None,
        limit: int | None = None,
    ) -> list[Row]:
        """SELECT rows matching equality filters."""
        cols = sql.SQL("*") if columns is None else _sql.identifiers(columns)
        clause, params = _sql.where_clause(where)
        query = sql.SQL("SELECT {} FROM {}").format(cols, _sql.identifier(table)) + clause
        query += _sql.order_by(order_by)
        if limit is not None:
            query += sql.SQL(" LIMIT {}").format(sql.Literal(int(limit)))
        return self.fetch_all(query, params)

    def select_one(
        self, table: str, where: Mapping[str, Any], *, columns: Sequence[str] | None = None
    ) -> Row | None:
        """The one row matching equality filters, or None."""
        rows = self.select(table, where, columns=columns, limit=1)
        return rows[0] if rows else None

    def update(
        self, table: str, values: Mapping[str, Any], where: Mapping[str, Any], *, returning: str | None = None
    ) -> int | Row | None:
        """UPDATE rows matching `where`; the count, or the first returned row with `returning`."""
        if not where:
            raise ValueError("update() without a filter would touch every row")
        sets, params = _sql.assignments(values)
        clause, where_params = _sql.where_clause(where)
        query = (
            sql.SQL("UPDATE {} SET ").format(_sql.identifier(table)) + sets + clause + _returning(returning)
        )
        if returning is None:
            return self.execute(query, {**params, **where_params})
        return self._write(query, {**params, **where_params}, returning)

    def delete(self, table: str, where: Mapping[str, Any]) -> int:
        """DELETE rows matching `where`; return how many."""
        if not where:
            raise ValueError("delete() without a filter would remove every row")
        clause, params = _sql.where_clause(where)
        return self.execute(sql.SQL("DELETE FROM {}").format(_sql.identifier(table)) + clause, params)

    def count(self, table: str, where: Mapping[str, Any] | None = None) -> int:
        """How many rows match."""
        clause, params = _sql.where_clause(where)
        query = sql.SQL("SELECT count(*) AS n FROM {}").format(_sql.identifier(table)) + clause
        return int(self.fetch_value(query, params))

    def exists(self, table: str, where: Mapping[str, Any]) -> bool:
        """Whether any row matches."""
        clause, params = _sql.where_clause(where)
        inner = sql.SQL("SELECT 1 FROM {}").format(_sql.identifier(table)) + clause
        return bool(self.fetch_value(sql.SQL("SELECT EXISTS ({}) AS e").format(inner), params))

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Load many rows with COPY, the fastest way into PostgreSQL; return how many."""
        query = sql.SQL("COPY {} ({}) FROM STDIN").format(_sql.identifier(table), _sql.identifiers(columns))
        count = 0
        with self.connection() as conn, _mapped_errors(), conn.cursor() as cur, cur.copy(query) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count

    def _write(self, query: Query, params: Mapping[str, Any], returning: str | None) -> Row | None:
        with self.connection() as conn, _mapped_errors():
            cur = conn.execute(query, params)
            return cur.fetchone() if returning is not None else None


def _returning(columns: str | None) -> sql.Composable:
    if columns is None:
        return sql.SQL("")
    if columns == "*":
        return sql.SQL(" RETURNING *")
    return sql.SQL(" RETURNING ") + _sql.identifiers(c.strip() for c in columns.split(","))


@contextmanager
def _mapped_errors() -> Iterator[None]:
    """Turn driver errors the domain cares about into ours."""
    try:
        yield
    except psycopg.errors.UniqueViolation as exc:
        raise UniqueViolation(exc.diag.constraint_name) from exc
    except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure) as exc:
        # A deadlock or serialization failure: PostgreSQL rolled this one back; it may be tried again.
        raise ServiceUnavailable("the database rolled back a conflicting request; try again") from exc
    except psycopg.OperationalError as exc:
        raise ServiceUnavailable("the database is unreachable") from exc
    except psycopg.DataError as exc:
        # Values PostgreSQL cannot take (NUL in text, out-of-range numbers) are the caller's input.
        raise InvalidInput(f"a value could not be stored: {exc.diag.message_primary or exc}") from exc
