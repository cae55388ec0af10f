from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardsConfig(AppConfig):
    name = "welbevinden.boards"
    label = "boards"
    verbose_name = _("Besturen")

    def ready(self):
        from welbevinden.boards import report  # registers its kind of background job

        del report
