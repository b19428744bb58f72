from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from factcheck.views import healthz
from public.urls import api_urlpatterns, page_urlpatterns

admin.site.site_header = "factcheck"
admin.site.site_title = "factcheck desk"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include((api_urlpatterns, "api"))),
    path("claims/", include((page_urlpatterns, "public"))),
    # The address readers are told of; the page lives beside the other public pages.
    path("corrections/", RedirectView.as_view(pattern_name="public:corrections", permanent=True)),
]
