"""Change history pages of the desk: empty values read as empty, choices by their labels.

django-simple-history shows an empty foreign key as "Deleted user (pk=None)" and an empty
field as "None"; the desk's history says "—" for both, and names who changed nothing ("—")
when a job or a command made the change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject, ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper

EMPTY = "—"

_ModelT = TypeVar("_ModelT", bound=Model)

if TYPE_CHECKING:
    # simple_history ships no types: to mypy its admin is the ModelAdmin it extends, so the
    # desk's admins built on it are checked as any ModelAdmin is.
    _HistoryAdmin = admin.ModelAdmin
else:
    _HistoryAdmin = SimpleHistoryAdmin


class DeskHistoryContextHelper(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change: ModelChange, value: Any) -> Any:
        if isinstance(value, DeletedObject) and value.pk is None:
            return EMPTY  # the field was empty, nothing was deleted
        value = super().prepare_delta_change_value(change, value)
        if value is None or value == "":
            return EMPTY
        field = self.model._meta.get_field(change.field)
        choices = dict(getattr(field, "flatchoices", None) or ())
        if not isinstance(value, list) and value in choices:
            return str(choices[value])
        return value


class DeskHistoryAdmin(_HistoryAdmin[_ModelT]):
    """SimpleHistoryAdmin whose history pages show no Python None."""

    object_history_list_template = "admin/claims/claim/history_list.html"

    def get_historical_record_context_helper(
        self, request: HttpRequest, historical_record: Any
    ) -> HistoricalRecordContextHelper:
        return DeskHistoryContextHelper(self.model, historical_record)
