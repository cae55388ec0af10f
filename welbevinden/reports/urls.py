from django.urls import path

from welbevinden.reports import job_views, views

app_name = "reports"

s = "s/<slug:school>/rapporten/"

urlpatterns = [
    path(f"{s}teambespreking/", views.teambespreking, name="teambespreking"),
    path(f"{s}schoolwerk/", views.schoolwerk, name="schoolwerk"),
    path(f"{s}kernteamrapport/", views.kernteamrapport, name="kernteamrapport"),
    path(
        f"{s}kernteamrapport/maken/",
        job_views.kernteamrapport_start,
        name="kernteamrapport_start",
    ),
    # Reports made in the background (background.py): a job's status and its PDF.
    path(f"{s}taken/<uuid:code>/", job_views.job, name="job"),
    path(f"{s}taken/<uuid:code>/download/", job_views.job_download, name="job_download"),
    path(f"{s}klimaatoverzicht/", views.klimaatoverzicht, name="klimaatoverzicht"),
    path(
        f"{s}klassenafspraken/<uuid:group_code>/<slug:size>/",
        views.klassenafspraken,
        name="klassenafspraken",
    ),
    path(f"{s}mijn-reflectie/", views.mijn_reflectie, name="mijn_reflectie"),
]
