from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's validator with its message in our own catalogue.

    Django's Dutch catalogue has no translation for the message as Django
    5.2 words it, so the length rule would be explained in English.
    """

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort. Gebruik minstens %(min_length)d teken.",
            "Dit wachtwoord is te kort. Gebruik minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Je wachtwoord moet minstens %(min_length)d teken lang zijn.",
            "Je wachtwoord moet minstens %(min_length)d tekens lang zijn.",
            self.min_length,
        ) % {"min_length": self.min_length}
