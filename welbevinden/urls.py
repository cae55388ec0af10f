from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("account/", include("welbevinden.accounts.urls")),
    path("", include("welbevinden.schools.urls")),
    path("", include("circles.urls")),
    path("", include("circles.climate.urls")),
    path("", include("pyramid.urls")),
    path("", include("sociogram.urls")),
    path("", include("checklists.urls")),
    path("", include("welbevinden.dashboard.urls")),
    path("", include("welbevinden.reports.urls")),
    path("", include("welbevinden.boards.urls")),
    path("", include("welbevinden.core.urls")),
    path(f"{settings.ADMIN_URL}", admin.site.urls),
]
