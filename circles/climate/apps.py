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
        from welbevinden.schools import hub

        hub.register(
            "climate",
            hub.Panel(
                order=10,
                template="climate/_group_hub.html",
                context=selectors.group_hub,
                annotations=selectors.group_hub_annotations,
            ),
        )
        modules.register(
            "climate",
            modules.Module(
                url_name="climate:index",
                group_url_name="climate:group_log",
                status=selectors.circle_status,
            ),
        )
