"""What the public side keeps of its own: the version of the data it publishes."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class PublicationVersion(models.Model):
    """A single row whose token changes, in the writing transaction, with every public change.

    Rendered public responses are cached under the token they were rendered at. The token lives
    in the database rather than in the cache so that it commits with the change itself: a cache
    that was unreachable during a change, or comes back from disk with old entries, can never
    pair an old body with the current token.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="publication_version_single")]

    def __str__(self) -> str:
        return f"publication version {self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
