from django.urls import path

from pyramid import views

app_name = "pyramid"

s = "s/<slug:school>/piramide/"

urlpatterns = [
    path(s, views.page, name="page"),
    path(f"{s}starten/", views.start, name="start"),
    path(f"{s}<uuid:code>/live/", views.live, name="live"),
    path(f"{s}<uuid:code>/aanbod/nieuw/", views.item_add, name="item_add"),
    path(f"{s}<uuid:code>/lagen/<slug:layer>/", views.notes_edit, name="notes"),
    path(f"{s}<uuid:code>/geschiedenis/", views.history, name="history"),
    path(f"{s}<uuid:code>/pdf/", views.pdf, name="pdf"),
    path(f"{s}<uuid:code>/kopieren/", views.copy, name="copy"),
    path(f"{s}<uuid:code>/vergelijken/", views.compare, name="compare"),
    path(f"{s}aanbod/<uuid:code>/", views.item_edit, name="item_edit"),
    path(f"{s}aanbod/<uuid:code>/verwijderen/", views.item_delete, name="item_delete"),
    path(f"{s}aanbod/<uuid:code>/verplaatsen/", views.item_move, name="item_move"),
]
