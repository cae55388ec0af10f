from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "welbevinden.reports"
    label = "reports"
    verbose_name = "PDF-rapporten"
