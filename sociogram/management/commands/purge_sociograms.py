from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from sociogram.services import purge, purge_notes


class Command(BaseCommand):
    help = (
        "Deletes the raw nominations (who chose whom) and the seating plans built from them of "
        "sociograms whose school year has ended, or that closed more than SOCIOGRAM_KEEP_DAYS "
        "days ago when that is set; keeps each sociogram's summary (counts, status, class "
        "measures). Deletes the teachers' notes on pupils (flags and notes) of groups whose "
        "school year has ended. Run it daily."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        purged = purge(today, settings.SOCIOGRAM_KEEP_DAYS)
        notes = purge_notes(today)
        self.stdout.write(f"{purged} sociogram(s) purged, {notes} note(s) on pupils deleted.")
