from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SociogramConfig(AppConfig):
    name = "sociogram"
    verbose_name = _("Sociogram")

    def ready(self):
        # The sociogram handvat (content: leads_to: sociogram) leads here.
        from circles import modules
        from sociogram import selectors

        modules.register(
            "sociogram",
            modules.Module(
                url_name="sociogram:index",
                group_url_name="sociogram:group",
                status=selectors.circle_status,
            ),
        )
