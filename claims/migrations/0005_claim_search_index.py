"""Indexes for the public API: full-text search of claims, and the newest article change.

The GIN index is PostgreSQL's only (SQLite has no such index, and a GinIndex in Model.Meta would
break its migrations), so it is created here by hand and left out of the model state. Its
expression must stay the one public/search.py queries with, or PostgreSQL will not use it.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

SEARCH_INDEX = "claim_search_idx"
ARTICLE_UPDATED_INDEX = "article_updated_at_idx"


def _search_index() -> GinIndex:
    vector = SearchVector("text", "sentence", "rationale", "speaker", config="english")
    return GinIndex(vector, name=SEARCH_INDEX)


def _updated_index() -> models.Index:
    # MAX(updated_at) answers Last-Modified on every public response: read from the index's end.
    return models.Index(fields=["updated_at"], name=ARTICLE_UPDATED_INDEX)


def create_indexes(apps, schema_editor):
    schema_editor.add_index(apps.get_model("claims", "Article"), _updated_index())
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("claims", "Claim"), _search_index())


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("claims", "Claim"), _search_index())
    schema_editor.remove_index(apps.get_model("claims", "Article"), _updated_index())


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_claim_match_index")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
