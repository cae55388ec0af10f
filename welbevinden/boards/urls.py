from django.urls import path

from welbevinden.boards import views

app_name = "boards"

b = "b/<slug:board>/"

urlpatterns = [
    path(b, views.board, name="board"),
    path(f"{b}rapport/", views.report, name="report"),
]
