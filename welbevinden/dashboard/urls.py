from django.urls import path

from welbevinden.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("s/<slug:school>/", views.home, name="home"),
    path("s/<slug:school>/dashboard/", views.school, name="school"),
]
