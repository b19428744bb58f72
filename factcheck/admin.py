"""The admin's sidebar shows the desk, not the task system's bookkeeping.

django_celery_results (and django_celery_beat, when installed) register their tables in the
admin; they are job records for operators, not editors' work, so they are taken off the
sidebar (operators read them in the database or with `celery inspect`). This module runs after
theirs because INSTALLED_APPS lists them before `factcheck`.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin

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
