from django.core.management.base import BaseCommand

from circles.services import load_handreiking


class Command(BaseCommand):
    help = (
        "Loads the handreiking's texts from circles/content/handreiking/*.yaml into the database. "
        "Texts are updated by their stable keys; no answer is ever lost. A handvat that the "
        "files no longer contain is retired, not deleted."
    )

    def handle(self, *args, **options):
        edition = load_handreiking()
        self.stdout.write(self.style.SUCCESS(f"Handreiking loaded (edition {edition})."))
