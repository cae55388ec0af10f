from django.core.management.base import BaseCommand
from django.db import transaction

from circles import demo as circles_demo
from circles.services import load_handreiking
from welbevinden.core import demo


class Command(BaseCommand):
    help = (
        "Creates the two invented demo schools (a po and a vo school) with members in every "
        "role, three groups of about 25 pupils each, and answers in every circle of "
        "influence; loads the handreiking's texts; prints the demo logins. Running it again "
        "changes nothing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            logins = demo.seed()
            load_handreiking()
            circles_demo.seed()
        self.stdout.write(self.style.SUCCESS("Demo schools are ready. Log in with:"))
        width = max(len(email) for _, _, email in logins)
        current = None
        for school, roles, email in logins:
            if school != current:
                self.stdout.write(f"\n  {school}")
                current = school
            self.stdout.write(f"    {email.ljust(width)}  {roles}")
        self.stdout.write(f"\n  Password for every demo account: {demo.DEMO_PASSWORD}\n")
