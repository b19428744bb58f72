"""The admin's sidebar lists the desk's tables, not the task system's."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_celerys_result_tables_are_not_in_the_admin(admin_client: Client) -> None:
    from django_celery_results.models import GroupResult, TaskResult

    assert not admin.site.is_registered(TaskResult)
    assert not admin.site.is_registered(GroupResult)
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "Celery Results" not in index
    assert "Task results" not in index
    assert "Articles and claims" in index


def test_unregistering_again_or_without_the_apps_changes_nothing() -> None:
    from desk.admin import task_system_unregister

    before = set(admin.site._registry)
    task_system_unregister()
    assert set(admin.site._registry) == before
