from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from sociogram.services import purge


class Command(BaseCommand):
    help = (
        "Deletes the raw nominations (who chose whom) of sociograms whose school year has ended, "
        "or that closed more than SOCIOGRAM_KEEP_DAYS days ago when that is set; keeps each "
        "sociogram's summary (counts, status, class measures). Run it daily."
    )

    def handle(self, *args, **options):
        purged = purge(timezone.localdate(), settings.SOCIOGRAM_KEEP_DAYS)
        self.stdout.write(f"{purged} sociogram(s) purged.")
