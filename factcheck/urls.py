from __future__ import annotations

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

from factcheck.views import healthz

admin.site.site_header = "factcheck"
admin.site.site_title = "factcheck desk"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
