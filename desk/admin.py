"""The editors' desk in the admin: every page registers here, and nothing else shows.

The article, claim, source and user pages live in their own modules; importing them registers
them. django_celery_results (and django_celery_beat, when installed) register their tables too;
they are job records for operators, not editors' work, so they are taken off the sidebar
(operators read them in the database or with `celery inspect`). This module runs after theirs
because INSTALLED_APPS lists them before `desk`.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin

from desk import (  # noqa: F401  (registers)
    article_admin,
    claim_admin,
    repeat_admin,
    source_admin,
    user_admin,
    watching_admin,
    webhook_admin,
)

# (app label, model name) of the task system's tables.
TASK_SYSTEM_MODELS = [
    ("django_celery_results", "taskresult"),
    ("django_celery_results", "groupresult"),
    ("django_celery_results", "chordcounter"),
    ("django_celery_beat", "periodictask"),
    ("django_celery_beat", "intervalschedule"),
    ("django_celery_beat", "crontabschedule"),
    ("django_celery_beat", "solarschedule"),
    ("django_celery_beat", "clockedschedule"),
]


def task_system_unregister(site: admin.AdminSite = admin.site) -> None:
    """Take the task system's tables off the admin (idempotent; absent apps are skipped)."""
    for app_label, model_name in TASK_SYSTEM_MODELS:
        if not apps.is_installed(app_label):
            continue
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        if site.is_registered(model):
            site.unregister(model)


task_system_unregister()
# The front page says what the install still lacks before it publishes (desk/templatetags).
admin.site.index_template = "desk/index.html"
