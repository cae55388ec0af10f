from django.urls import path

from circles.views import handvatten, pages, partners

app_name = "circles"

s = "s/<slug:school>/"

urlpatterns = [
    path("over-de-handreiking/", pages.about, name="about"),
    path(f"{s}cirkels/<int:number>/", pages.circle_page, name="circle"),
    path(f"{s}mijn-handvatten/", pages.mine, name="mine"),
    path(f"{s}plannen/<uuid:code>/afgerond/", pages.plan_done, name="plan_done"),
    path(f"{s}handvatten/<slug:key>/", handvatten.handvat_page, name="handvat"),
    path(f"{s}handvatten/<slug:key>/starten/", handvatten.start, name="start"),
    path(
        f"{s}groepen/<uuid:group_code>/handvatten/<slug:key>/",
        handvatten.group_handvat_page,
        name="group_handvat",
    ),
    path(
        f"{s}groepen/<uuid:group_code>/handvatten/<slug:key>/starten/",
        handvatten.group_start,
        name="group_start",
    ),
    path(f"{s}rondes/<uuid:code>/", handvatten.round_page, name="round"),
    path(f"{s}rondes/<uuid:code>/opslaan/", handvatten.autosave, name="autosave"),
    path(f"{s}rondes/<uuid:code>/afronden/", handvatten.complete, name="complete"),
    path(f"{s}rondes/<uuid:code>/heropenen/", handvatten.reopen, name="reopen"),
    path(f"{s}omgeving/partners/nieuw/", partners.partner_add, name="partner_add"),
    path(f"{s}omgeving/partners/<uuid:code>/", partners.partner_edit, name="partner_edit"),
    path(
        f"{s}omgeving/partners/<uuid:code>/verwijderen/",
        partners.partner_delete,
        name="partner_delete",
    ),
    path(f"{s}omgeving/beschrijving/", partners.context_edit, name="context_edit"),
]
