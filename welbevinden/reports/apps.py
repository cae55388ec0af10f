from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "welbevinden.reports"
    label = "reports"
    verbose_name = "PDF-rapporten"

    def ready(self):
        from welbevinden.core import pagecache
        from welbevinden.reports import kernteam  # registers its kind of background job
        from welbevinden.reports.models import ReportJob
        from welbevinden.schools import hub

        del kernteam
        # A job's progress is written by the worker several times a second; no
        # page but the job's own (not cached) shows it, so it makes no page stale.
        pagecache.ignore(ReportJob)

        hub.register(
            "reports",
            hub.Panel(order=40, template="reports/_group_hub.html", context=_group_hub),
        )


def _group_hub(access, group) -> dict | None:
    """The Teambespreking of this group, this school year so far: for IB'ers and its teachers."""
    from circles.permissions import can_view_group_work

    if not group.school_year.is_current or not can_view_group_work(access, group):
        return None
    return {}
