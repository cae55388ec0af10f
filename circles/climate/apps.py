from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClimateConfig(AppConfig):
    name = "circles.climate"
    label = "climate"
    verbose_name = _("Klimaatlogboek")

    def ready(self):
        # The groepsklimaat handvat (content: leads_to: climate) leads here.
        from circles import modules
        from circles.climate import selectors

        modules.register(
            "climate",
            modules.Module(
                url_name="climate:index",
                group_url_name="climate:group_log",
                status=selectors.circle_status,
            ),
        )
