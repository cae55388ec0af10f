from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PyramidConfig(AppConfig):
    name = "pyramid"
    verbose_name = _("Ondersteuningspiramide")

    def ready(self):
        from circles import modules
        from pyramid.selectors import handvat_state

        # The two pyramid handvatten (leads_to: pyramid) lead here.
        modules.register("pyramid", url_name="pyramid:page", status=handvat_state)
