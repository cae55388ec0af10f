from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "circles"
    verbose_name = _("Cirkels van invloed")

    def ready(self):
        from circles.models import Round
        from circles.selectors import group_hub
        from welbevinden.core import pagecache
        from welbevinden.schools import hub

        # An autosave writes only these: the pages listing rounds without them stay kept.
        pagecache.typed(Round, *Round.TYPED_FIELDS)

        # The group page shows the group's handvatten of circle 3 and its open plans.
        hub.register(
            "circles", hub.Panel(order=30, template="circles/_group_hub.html", context=group_hub)
        )
