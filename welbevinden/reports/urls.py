from django.urls import path

from welbevinden.reports import views

app_name = "reports"

s = "s/<slug:school>/rapporten/"

urlpatterns = [
    path(f"{s}teambespreking/", views.teambespreking, name="teambespreking"),
    path(f"{s}schoolwerk/", views.schoolwerk, name="schoolwerk"),
    path(f"{s}kernteamrapport/", views.kernteamrapport, name="kernteamrapport"),
    path(f"{s}klimaatoverzicht/", views.klimaatoverzicht, name="klimaatoverzicht"),
    path(
        f"{s}klassenafspraken/<uuid:group_code>/<slug:size>/",
        views.klassenafspraken,
        name="klassenafspraken",
    ),
    path(f"{s}mijn-reflectie/", views.mijn_reflectie, name="mijn_reflectie"),
]
