from django.urls import path

from welbevinden.boards import views

app_name = "boards"

b = "b/<slug:board>/"

urlpatterns = [
    path(b, views.board, name="board"),
    path(f"{b}rapport/", views.report, name="report"),
    path(f"{b}rapport/maken/", views.report_start, name="report_start"),
    path(f"{b}taken/<uuid:code>/", views.job, name="job"),
    path(f"{b}taken/<uuid:code>/download/", views.job_download, name="job_download"),
]
