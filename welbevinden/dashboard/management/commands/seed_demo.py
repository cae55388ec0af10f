from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from checklists import demo as checklists_demo
from circles import demo as circles_demo
from circles.climate import demo as climate_demo
from circles.services import load_handreiking
from pyramid import demo as pyramid_demo
from sociogram import demo as sociogram_demo
from welbevinden.core import demo


class Command(BaseCommand):
    help = (
        "Creates the two invented demo schools (a po and a vo school) with members in every "
        "role, three groups of about 25 pupils each, and answers in every circle of "
        "influence, the school year so far of class-climate entries and an "
        "ondersteuningspiramide per school (the vo school's inverted); loads the "
        "handreiking's texts; prints the demo logins. Running it again "
        "changes nothing. With DEBUG off it refuses unless --allow-production is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even though DEBUG is off (a public demo server, never a school's).",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            # Every demo account has the password printed in the README: on a
            # school's server they would be open doors.
            raise CommandError(
                "DEBUG is off, so this looks like a production server. The demo accounts all "
                "have the published password from the README, so anyone could log in with "
                "them. Run with DEBUG=true for development, or add --allow-production for a "
                "public demo server that holds no real school's data."
            )
        with transaction.atomic():
            logins = demo.seed()
            load_handreiking()
            circles_demo.seed()
            climate_demo.seed()
            pyramid_demo.seed()
            sociogram_demo.seed()
            checklists_demo.seed()
        self.stdout.write(self.style.SUCCESS("Demo schools are ready. Log in with:"))
        width = max(len(email) for _, _, email in logins)
        current = None
        for school, roles, email in logins:
            if school != current:
                self.stdout.write(f"\n  {school}")
                current = school
            self.stdout.write(f"    {email.ljust(width)}  {roles}")
        self.stdout.write(f"\n  Password for every demo account: {demo.DEMO_PASSWORD}\n")
