from django.conf import settings
from django.core.management.base import BaseCommand

from welbevinden.accounts.services import purge_login_records
from welbevinden.core import once


class Command(BaseCommand):
    help = (
        "Deletes failed log-in attempts whose lock has passed (15 minutes) and records of "
        "successful log-ins older than LOGIN_RECORD_DAYS days, and one-time form tokens "
        "older than a day. Run it daily."
    )

    def handle(self, *args, **options):
        purged = purge_login_records()
        tokens = once.purge_expired()
        self.stdout.write(
            f"Deleted {purged.failed_attempts} failed log-in record(s) and "
            f"{purged.successful_logins} successful log-in record(s) "
            f"(kept: the last {settings.LOGIN_RECORD_DAYS} days), "
            f"and {tokens} form token(s) older than a day."
        )
