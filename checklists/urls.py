from django.urls import path

from checklists.views import agenda, checkin, checklists, route

app_name = "checklists"

s = "s/<slug:school>/"
c = f"{s}checklists/"

urlpatterns = [
    path(f"{s}kernteam/", route.route, name="route"),
    path(c, checklists.index, name="index"),
    # One name per shipped checklist: the handvatten lead here (circles/modules.py).
    path(
        f"{c}beginsituatie/", checklists.checklist, {"key": "beginsituatie"}, name="beginsituatie"
    ),
    path(
        f"{c}gedragsverwachtingen/",
        checklists.checklist,
        {"key": "gedragsverwachtingen"},
        name="gedragsverwachtingen",
    ),
    path(
        f"{c}sociale-veiligheid/",
        checklists.checklist,
        {"key": "sociale-veiligheid"},
        name="sociale-veiligheid",
    ),
    path(f"{c}<slug:key>/", checklists.checklist, name="checklist"),
    path(f"{c}<slug:key>/invullen/", checklists.fill, name="fill"),
    path(f"{c}<slug:key>/<uuid:code>/afspreken/", checklists.agree, name="agree"),
    path(f"{c}<slug:key>/<uuid:code>/pdf/", checklists.pdf, name="pdf"),
    path(f"{s}teamagenda/", agenda.agenda, name="agenda"),
    path(f"{s}teamagenda/afspraken/", agenda.agenda_answers, name="agenda_answers"),
    path(f"{s}teamagenda/pdf/", agenda.agenda_pdf, name="agenda_pdf"),
    path(f"{s}teamagenda/mijn-doelen/", agenda.class_goal_add, name="class_goal_add"),
    path(f"{s}teamagenda/doelen/nieuw/", agenda.goal_new, name="goal_new"),
    path(f"{s}teamagenda/doelen/<uuid:code>/", agenda.goal, name="goal"),
    path(f"{s}teamagenda/doelen/<uuid:code>/acties/", agenda.action_add, name="action_add"),
    path(f"{s}teamagenda/doelen/<uuid:code>/evalueren/", agenda.evaluate, name="evaluate"),
    path(f"{s}teamagenda/acties/<uuid:code>/klaar/", agenda.action_done, name="action_done"),
    path(f"{s}check-in/", checkin.check_ins, name="check_ins"),
    path(f"{s}check-in/nieuw/", checkin.start, name="check_in_start"),
    path(f"{s}check-in/<uuid:code>/", checkin.projected, name="projected"),
    path(f"{s}check-in/<uuid:code>/live/", checkin.live, name="live"),
    path(f"{s}check-in/<uuid:code>/sluiten/", checkin.close, name="close"),
    path(f"{s}c/<str:short>/", checkin.answer, name="answer"),
]
