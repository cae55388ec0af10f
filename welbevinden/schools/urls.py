from django.urls import path

from welbevinden.schools.views import (
    groups,
    imports,
    invitations,
    members,
    overview,
    pupils,
    roles,
    years,
)

app_name = "schools"

beheer = "s/<slug:school>/beheer/"

urlpatterns = [
    path(beheer, overview.overview, name="overview"),
    path(f"{beheer}schooljaren/", years.year_list, name="year_list"),
    path(f"{beheer}schooljaren/doorschuiven/", years.year_rollover, name="year_rollover"),
    path(
        f"{beheer}schooljaren/<uuid:code>/huidig/",
        years.year_make_current,
        name="year_make_current",
    ),
    path(f"{beheer}groepen/", groups.group_list, name="group_list"),
    path(f"{beheer}groepen/nieuw/", groups.group_create, name="group_create"),
    path(f"{beheer}groepen/<uuid:code>/bewerken/", groups.group_edit, name="group_edit"),
    path(
        f"{beheer}groepen/<uuid:group_code>/leerling-toevoegen/",
        pupils.pupil_add,
        name="pupil_add",
    ),
    path(
        f"{beheer}groepen/<uuid:group_code>/lijst-plakken/",
        pupils.pupil_paste,
        name="pupil_paste",
    ),
    path(f"{beheer}leerlingen/", pupils.pupil_list, name="pupil_list"),
    path(f"{beheer}leerlingen/bewerken/", pupils.pupil_bulk, name="pupil_bulk"),
    path(f"{beheer}leerlingen/importeren/", imports.pupil_import, name="pupil_import"),
    path(
        f"{beheer}leerlingen/importeren/<uuid:code>/",
        imports.pupil_import_preview,
        name="pupil_import_preview",
    ),
    path(f"{beheer}leerlingen/<uuid:code>/bewerken/", pupils.pupil_edit, name="pupil_edit"),
    path(f"{beheer}leerlingen/<uuid:code>/verplaatsen/", pupils.pupil_move, name="pupil_move"),
    path(f"{beheer}leerlingen/<uuid:code>/archiveren/", pupils.pupil_archive, name="pupil_archive"),
    path(
        f"{beheer}leerlingen/<uuid:code>/terugzetten/", pupils.pupil_restore, name="pupil_restore"
    ),
    path(f"{beheer}leden/", members.member_list, name="member_list"),
    path(f"{beheer}leden/uitnodigen/", members.member_invite, name="member_invite"),
    path(f"{beheer}leden/rollogboek/", roles.role_log, name="role_log"),
    path(f"{beheer}leden/<uuid:code>/bewerken/", members.member_edit, name="member_edit"),
    path(
        f"{beheer}leden/<uuid:code>/deactiveren/",
        members.member_deactivate,
        name="member_deactivate",
    ),
    path(
        f"{beheer}leden/<uuid:code>/activeren/",
        members.member_reactivate,
        name="member_reactivate",
    ),
    path(
        f"{beheer}uitnodigingen/<uuid:code>/intrekken/",
        members.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        f"{beheer}uitnodigingen/<uuid:code>/opnieuw-versturen/",
        members.invitation_resend,
        name="invitation_resend",
    ),
    path("s/<slug:school>/groepen/<uuid:code>/", groups.group_detail, name="group_detail"),
    path("s/<slug:school>/mijn-account/", roles.my_account, name="my_account"),
    path("uitnodiging/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
]
