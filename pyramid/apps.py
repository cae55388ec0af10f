from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PyramidConfig(AppConfig):
    name = "pyramid"
    verbose_name = _("Ondersteuningspiramide")

    def ready(self):
        from circles import modules
        from pyramid.selectors import circle_status, handvat_started

        # The two pyramid handvatten (content: leads_to: pyramid) lead here.
        modules.register(
            "pyramid",
            modules.Module(url_name="pyramid:page", status=circle_status, started=handvat_started),
        )
