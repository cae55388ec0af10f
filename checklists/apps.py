from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecklistsConfig(AppConfig):
    name = "checklists"
    verbose_name = _("Checklists en teamagenda")

    def ready(self):
        from checklists import selectors
        from circles import modules

        # The handvatten whose content says leads_to: checklist-<key>,
        # teamagenda or check-in are done here (circles/modules.py).
        for key in ("beginsituatie", "gedragsverwachtingen", "sociale-veiligheid"):
            modules.register(
                f"checklist-{key}",
                modules.Module(
                    url_name=f"checklists:{key}",
                    status=selectors.status_for(key),
                    started=selectors.handvat_started(key),
                ),
            )
        modules.register(
            "teamagenda",
            modules.Module(
                url_name="checklists:agenda",
                status=selectors.agenda_status,
                started=selectors.handvat_started("teamagenda"),
            ),
        )
        modules.register(
            "check-in",
            modules.Module(
                url_name="checklists:check_ins",
                status=selectors.check_in_status,
                started=selectors.handvat_started("check-in"),
            ),
        )
