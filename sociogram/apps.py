from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SociogramConfig(AppConfig):
    name = "sociogram"
    verbose_name = _("Sociogram")

    def ready(self):
        # The sociogram handvat (content: leads_to: sociogram) leads here.
        from circles import modules
        from sociogram import selectors
        from sociogram.models import AccessRecord
        from welbevinden.core import pagecache

        # Every look at a sociogram writes an access record; no page shows it
        # but the beheerder's log (not cached), so it must not make pages stale.
        pagecache.ignore(AccessRecord)

        from welbevinden.schools import hub

        hub.register(
            "sociogram",
            hub.Panel(order=20, template="sociogram/_group_hub.html", context=selectors.group_hub),
        )
        modules.register(
            "sociogram",
            modules.Module(
                url_name="sociogram:index",
                group_url_name="sociogram:group",
                status=selectors.circle_status,
            ),
        )
