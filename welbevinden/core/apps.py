from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "welbevinden.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self):
        from welbevinden.core import checks  # registers the system checks

        checks.warn_if_mail_goes_unsent()

        from welbevinden.core import pagecache

        pagecache.connect_signals()

        from welbevinden.core.models import FormToken

        # No page shows which forms were sent (welbevinden/core/once.py).
        pagecache.ignore(FormToken)
