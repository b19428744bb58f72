"""Where a benchmark keeps its data: a database of its own beside the one DATABASE_URL names."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def bench_database_url(url: str, suffix: str) -> tuple[str, str, str]:
    """The bench database's URL, its name (`<name><suffix>`), and the maintenance database's URL."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + suffix
    return (
        urlunsplit(parts._replace(path="/" + name)),
        name,
        urlunsplit(parts._replace(path="/postgres")),
    )
