from django.urls import path

from circles.climate import views

app_name = "climate"

s = "s/<slug:school>/klimaat/"

urlpatterns = [
    path(s, views.index, name="index"),
    path(f"{s}overzicht/", views.overview, name="overview"),
    path(f"{s}herinneringen/", views.reminder_settings, name="settings"),
    path(f"{s}groepen/<uuid:group_code>/", views.group_log, name="group_log"),
    path(f"{s}groepen/<uuid:group_code>/nieuw/", views.entry_new, name="entry_new"),
    path(
        f"{s}groepen/<uuid:group_code>/klassengesprek/",
        views.conversation_new,
        name="conversation_new",
    ),
    path(
        f"{s}groepen/<uuid:group_code>/klassenafspraken/",
        views.agreements_edit,
        name="agreements_edit",
    ),
    path(f"{s}groepen/<uuid:group_code>/thermometer/", views.thermometer, name="thermometer"),
    path(f"{s}groepen/<uuid:group_code>/thermometer/klas/", views.class_mode, name="class_mode"),
    path(f"{s}groepen/<uuid:group_code>/thermometer/klas/tik/", views.tap, name="tap"),
    path(
        f"{s}groepen/<uuid:group_code>/thermometer/klas/aan/",
        views.class_mode_start,
        name="class_mode_start",
    ),
    path(
        f"{s}groepen/<uuid:group_code>/thermometer/klas/einde/",
        views.class_mode_end,
        name="class_mode_end",
    ),
    path(f"{s}notities/<uuid:code>/", views.entry_edit, name="entry_edit"),
    path(f"{s}notities/<uuid:code>/opgevolgd/", views.entry_followed_up, name="followed_up"),
]
