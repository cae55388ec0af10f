from django.urls import path

from sociogram import printouts, pupil, seating_views, views

app_name = "sociogram"

s = "s/<slug:school>/sociogram/"

urlpatterns = [
    path(s, views.index, name="index"),
    path(f"{s}toegang/", views.access_log, name="access_log"),
    path(f"{s}groepen/<uuid:group_code>/", views.group, name="group"),
    path(f"{s}groepen/<uuid:group_code>/nieuw/", views.new, name="new"),
    path(f"{s}groepen/<uuid:group_code>/notities/", views.notes, name="notes"),
    path(f"{s}<uuid:code>/", views.detail, name="detail"),
    path(f"{s}<uuid:code>/vragen/", views.edit, name="edit"),
    path(f"{s}<uuid:code>/open/", views.open_afname, name="open"),
    path(f"{s}<uuid:code>/sluiten/", views.close_afname, name="close"),
    path(f"{s}<uuid:code>/papier/", views.paper, name="paper"),
    path(f"{s}<uuid:code>/vergelijken/", views.compare, name="compare"),
    path(f"{s}<uuid:code>/reflectie/", views.reflection, name="reflection"),
    path(f"{s}<uuid:code>/codes.pdf", printouts.slips, name="slips"),
    path(f"{s}<uuid:code>/vragenlijst.pdf", printouts.questionnaire, name="questionnaire"),
    path(f"{s}<uuid:code>/rapport.pdf", printouts.report, name="report"),
    path(f"{s}<uuid:code>/groepsindeling/", seating_views.seating_page, name="seating"),
    path(
        f"{s}<uuid:code>/groepsindeling/maken/",
        seating_views.seating_generate,
        name="seating_generate",
    ),
    path(
        f"{s}<uuid:code>/groepsindeling/wisselen/", seating_views.seating_swap, name="seating_swap"
    ),
    path(f"{s}<uuid:code>/groepsindeling.pdf", seating_views.seating_pdf, name="seating_pdf"),
    # The pupils' pages: no account, no school in the address.
    path("leerling/", pupil.start, name="pupil_start"),
    path("leerling/vraag/", pupil.question, name="pupil_question"),
    path("leerling/klaar/", pupil.done, name="pupil_done"),
]
