"""Indexes for claim matching: pg_trgm for similarity(), and a GIN index over each claim's words.

The words are those of the claim and of its sentence, unstemmed ('simple'), one posting list each.

Both exist on PostgreSQL only; SQLite migrates through this unchanged (claims.match_candidates
scans there instead). The index is created inside the migration's transaction, so a large table
is locked for writes while it builds (about 20 s for a million claims).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX_NAME = "claim_text_search_idx"  # claims.match_candidates.common.INDEX_NAME names it too

# The expression must be written exactly as claims.match_candidates queries it, or the planner
# will not use the index.
CREATE_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON claims_claim"
    " USING gin (to_tsvector('simple'::regconfig, text || ' ' || sentence))"
)
DROP_INDEX = f"DROP INDEX IF EXISTS {INDEX_NAME}"


class TrigramExtensionOnPostgreSQL(TrigramExtension):
    """pg_trgm, for similarity(); Django's own undoes it on SQLite too, which has no extensions."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_INDEX)


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_editorial_roles")]

    # CreateExtension does nothing on other databases, so SQLite migrates through it unchanged.
    operations = [
        TrigramExtensionOnPostgreSQL(),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
