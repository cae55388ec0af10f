from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.urls import reverse

from welbevinden.schools import services
from welbevinden.schools.models import Role, SchoolKind
from welbevinden.text import is_one_line


class Command(BaseCommand):
    help = (
        "Creates a school with its current school year and invites its first beheerder by "
        "e-mail; prints the invitation link as well."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="The school's name, e.g. 'Basisschool De Voorbeeld'.")
        parser.add_argument("--kind", choices=SchoolKind.values, required=True)
        parser.add_argument("--beheerder", required=True, help="E-mail address to invite.")
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Where the app is reached, for the link in the invitation.",
        )

    def handle(self, *args, name, kind, beheerder, base_url, **options):
        try:
            validate_email(beheerder)
        except ValidationError:
            raise CommandError(f"{beheerder!r} is not an e-mail address.") from None
        if not is_one_line(name) or not name.strip():
            raise CommandError("The school's name must be one line of text.")
        links = []

        def build_url(token: str) -> str:
            links.append(base_url.rstrip("/") + reverse("schools:invitation_accept", args=[token]))
            return links[-1]

        school = services.create_school(name=name, kind=kind)
        invitation = services.invite_member(
            school=school,
            email=beheerder,
            full_name="",
            roles=[Role.BEHEERDER],
            groups=[],
            invited_by=None,
            build_url=build_url,
        )
        self.stdout.write(self.style.SUCCESS(f"Created {school} ({school.slug})."))
        self.stdout.write(f"Invitation for {invitation.email}: {links[0]}")
