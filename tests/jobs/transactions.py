"""What a job writes in each database transaction, seen from the statements it sends.

`TransactionLog` wraps the connection's statements (`execute_wrapper`) and its commits: every
statement sent inside an atomic block belongs to the transaction that block's COMMIT ends, and
a statement sent outside one is a transaction of its own (autocommit). For each transaction it
keeps the statements and the rows written per table. Use it in `transaction=True` tests: in a
test wrapped in a transaction nothing is ever committed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

_WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


@dataclass
class Transaction:
    atomic: bool  # an atomic block (False: one statement in autocommit)
    statements: list[str] = field(default_factory=list)
    rows: Counter[str] = field(default_factory=Counter)  # rows written, by table

    @property
    def writes(self) -> bool:
        return bool(self.rows) or any(_WRITE.match(sql) for sql in self.statements)

    def count(self, sql_part: str) -> int:
        """How many of its statements contain `sql_part`."""
        return sum(sql_part in sql for sql in self.statements)


def _rows_written(sql: str, params: Any, many: bool, cursor: Any) -> int:
    if sql.lstrip()[:6].upper() != "INSERT":
        return max(int(cursor.rowcount), 0)
    # A bulk insert's rowcount is not final before its RETURNING rows are read: count the
    # parameter tuples instead (the columns are named between the first parentheses).
    columns = sql[sql.index("(") + 1 : sql.index(")")].count(",") + 1
    batches: Sequence[Any] = params if many else [params]
    return sum(len(batch or ()) // columns or 1 for batch in batches)


class TransactionLog:
    def __init__(self) -> None:
        self.transactions: list[Transaction] = []
        self._open: Transaction | None = None

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        result = execute(sql, params, many, context)
        if connection.in_atomic_block:
            if self._open is None:
                self._open = Transaction(atomic=True)
            current = self._open
        else:
            current = Transaction(atomic=False)
            self.transactions.append(current)
        current.statements.append(sql)
        write = _WRITE.match(sql)
        if write:
            current.rows[write.group(2)] += _rows_written(sql, params, many, context["cursor"])
        return result

    def _ended(self) -> None:
        if self._open is not None:
            self.transactions.append(self._open)
            self._open = None

    @property
    def writing(self) -> list[Transaction]:
        """The transactions that wrote something."""
        return [t for t in self.transactions if t.writes]

    def most_rows(self, table: str) -> int:
        """The most rows of `table` one transaction wrote."""
        return max((t.rows[table] for t in self.transactions), default=0)

    def writing_to(self, table: str) -> list[Transaction]:
        return [t for t in self.transactions if t.rows[table]]


@contextmanager
def transaction_log() -> Iterator[TransactionLog]:
    """Record the transactions of the default connection inside the block."""
    log = TransactionLog()
    connection.ensure_connection()
    commit, rollback = connection.commit, connection.rollback

    def committing() -> None:
        commit()
        log._ended()

    def rolling_back() -> None:
        rollback()
        log._ended()

    with ExitStack() as stack:
        stack.enter_context(connection.execute_wrapper(log))
        connection.commit = committing  # type: ignore[method-assign]
        connection.rollback = rolling_back  # type: ignore[method-assign]
        try:
            yield log
        finally:
            del connection.commit
            del connection.rollback
    log._ended()
