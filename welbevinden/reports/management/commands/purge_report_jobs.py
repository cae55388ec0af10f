from django.core.management.base import BaseCommand

from welbevinden.reports.background import purge_expired


class Command(BaseCommand):
    help = (
        "Deletes reports made in the background (who asked, the PDF) once they have expired: "
        "REPORT_CACHE_SECONDS after they were asked for (a day by default, at least an hour). "
        "Runs on the task queue's schedule."
    )

    def handle(self, *args, **options):
        deleted = purge_expired()
        self.stdout.write(f"Deleted {deleted} expired report job(s).")
