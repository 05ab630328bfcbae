"""The reads every page makes, in plain SQL, returned as ordinary model instances or tuples.

Each page asks for the session, the user, the user's roles and the scorecard before anything
else, then the round's results and review. The ORM spends about 0.2–0.5 ms building each of
these small queries, ten times what the database takes to answer them; on the overview that
was a third of the request (bench/web.py; docs/web.md "Speed"). So these few reads are
written out here once, in SQL both SQLite and PostgreSQL run; values go through the same
converters the ORM applies, and rows become model instances with ``Model.from_db``, as the
ORM makes them. Everything else, and every write, uses the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX
from django.db.models import Field, Model
from django.utils import timezone

M = TypeVar("M", bound=Model)
Converter = Callable[[Any], Any]
_converters: dict[tuple[str, Field[Any, Any]], tuple[Converter, ...]] = {}
_qmarked: dict[str, str] = {}  # query text → SQLite's; IN (…) lists make a few hundred


def rows(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """All rows of a query, as the database driver returns them.

    On SQLite the query goes to the driver's own cursor: Django's cursor wrappers (query
    logging, the ``%s`` → ``?`` rewrite, checks) cost more than SQLite's answer, some 20 µs a
    query. The rewrite is Django's own, kept per query text; errors are Django's, as usual.
    When Django logs queries (DEBUG, tests counting them) they go through Django's cursor.
    """
    db = connections[DEFAULT_DB_ALIAS]  # once: each use of the ``connection`` proxy looks it up
    if db.vendor != "sqlite" or db.queries_logged:
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    db.ensure_connection()
    cursor = db.connection.cursor()
    try:
        with db.wrap_database_errors:  # driver errors become Django's, as through its cursor
            cursor.execute(_qmark(sql), params)
            return cursor.fetchall()
    finally:
        cursor.close()


def _qmark(sql: str) -> str:
    """The query with SQLite's ``?`` placeholders, as Django's SQLite cursor rewrites it."""
    found = _qmarked.get(sql)
    if found is None:
        if len(_qmarked) >= 1000:  # IN (…) lists of many lengths: keep the memory bounded
            _qmarked.clear()
        found = _qmarked[sql] = FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")
    return found


def now() -> Any:
    """The current time as the database compares it with a stored date and time."""
    return connection.ops.adapt_datetimefield_value(timezone.now())


def placeholders(values: Sequence[Any]) -> str:
    """'%s, %s, …', one for each value, for an IN (…) list."""
    return ", ".join(["%s"] * len(values))


def table(model: type[Model]) -> str:
    """The model's quoted table name."""
    return connection.ops.quote_name(model._meta.db_table)


def quote(name: str) -> str:
    """A quoted column name."""
    return connection.ops.quote_name(name)


def value(field: Field[Any, Any], raw: Any) -> Any:
    """A column's value as the ORM would give it (dates parsed on SQLite, JSON decoded …)."""
    for convert in converters(field):
        raw = convert(raw)
    return raw


def converters(field: Field[Any, Any]) -> tuple[Converter, ...]:
    """The backend's and the field's converters for a column, found once per field."""
    key = (connection.vendor, field)
    found = _converters.get(key)
    if found is None:
        col = field.get_col(field.model._meta.db_table)
        plain = connection.ops.get_db_converters(col) + field.get_db_converters(connection)
        found = _converters[key] = tuple(_bind(c, col) for c in plain)
    return found


def _bind(converter: Callable[..., Any], col: Any) -> Converter:
    return lambda v: converter(v, col, connection)


def fields(model: type[Model], skip: Sequence[str] = ()) -> list[Field[Any, Any]]:
    """The model's columns, less the ``skip`` ones (large texts a page does not need)."""
    return [f for f in model._meta.concrete_fields if f.attname not in skip]


@dataclass(frozen=True)
class _Part:
    """One model's columns in a query: where its values sit in a row and how to convert them."""

    model: type[Model]
    start: int
    attnames: list[str]
    converters: list[tuple[Converter, ...]]
    fk: Any = None  # the foreign key it is reached by, for related models

    def instance(self, row: Sequence[Any]) -> Model | None:
        values = list(row[self.start : self.start + len(self.attnames)])
        if self.fk is not None and values[0] is None:
            return None  # an empty left-joined relation
        for i, found in enumerate(self.converters):
            for convert in found:
                values[i] = convert(values[i])
        return self.model.from_db(DEFAULT_DB_ALIAS, self.attnames, values)


_plans: dict[tuple[object, ...], tuple[str, list[_Part]]] = {}


def _plan(
    model: type[Model], skip: Sequence[str], related: Mapping[str, Sequence[str]]
) -> tuple[str, list[_Part]]:
    """'SELECT … FROM … JOIN …' and the parts of a row, made once per query shape."""
    key = (connection.vendor, model, tuple(skip), tuple((k, tuple(v)) for k, v in related.items()))
    found = _plans.get(key)
    if found is None:
        own = fields(model, skip)
        selected, joins = [_select_list("t", own)], []
        parts = [_Part(model, 0, [f.attname for f in own], [converters(f) for f in own])]
        start = len(own)
        for i, (name, leave_out) in enumerate(related.items()):
            fk: Any = model._meta.get_field(name)
            columns = fields(fk.related_model, leave_out)
            alias = f"r{i}"
            selected.append(_select_list(alias, columns))
            joins.append(
                f"{'LEFT JOIN' if fk.null else 'JOIN'} {table(fk.related_model)} {alias} "
                f"ON {alias}.{quote(fk.target_field.column)} = t.{quote(fk.column)}"
            )
            attnames = [f.attname for f in columns]
            parts.append(
                _Part(fk.related_model, start, attnames, [converters(f) for f in columns], fk)
            )
            start += len(columns)
        sql = f"SELECT {', '.join(selected)} FROM {table(model)} t {' '.join(joins)}"
        found = _plans[key] = (sql, parts)
    return found


def select(
    model: type[M],
    where: str,
    params: Sequence[Any],
    *,
    skip: Sequence[str] = (),
    related: Mapping[str, Sequence[str]] | None = None,
    order_by: str = "",
    limit: int | None = None,
) -> list[M]:
    """Rows of ``model`` (alias ``t`` in ``where`` and ``order_by``) as model instances.

    ``related`` names foreign keys to load with each row, as select_related does, each with
    the related columns to leave out; they are aliased r0, r1 … in that order. A relation
    that may be empty is left-joined and comes back as None.
    """
    sql, parts = _plan(model, skip, related or {})
    sql += f" WHERE {where}"
    if order_by:
        sql += f" ORDER BY {order_by}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    found = []
    for row in rows(sql, params):
        instance = parts[0].instance(row)
        for part in parts[1:]:
            part.fk.set_cached_value(instance, part.instance(row))  # loaded, even when empty
        found.append(instance)
    return found  # type: ignore[return-value]


def one(
    model: type[M],
    where: str,
    params: Sequence[Any],
    *,
    skip: Sequence[str] = (),
    related: Mapping[str, Sequence[str]] | None = None,
) -> M | None:
    """The row of ``model`` matching ``where`` (see ``select``), or None."""
    found = select(model, where, params, skip=skip, related=related, limit=1)
    return found[0] if found else None


def _select_list(alias: str, columns: Sequence[Field[Any, Any]]) -> str:
    return ", ".join(f"{alias}.{quote(f.column)}" for f in columns)
