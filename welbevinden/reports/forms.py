import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Our bounds, not the handreiking's: a Teambespreking looks back over at most two
# school years, and its dates lie in this century. Without them a far-off date
# overflows (a 500) and a period of centuries ties up a worker for half a minute.
MAX_PERIOD_DAYS = 2 * 366
EARLIEST = datetime.date(2000, 1, 1)


class TeambesprekingForm(forms.Form):
    """Which groups and which period a Teambespreking covers.

    The view has already checked that the person may print every group asked
    for; the choices are the groups they may print.
    """

    groepen = forms.MultipleChoiceField(
        label=_("Groepen"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één groep.")},
    )
    van = forms.DateField(
        label=_("Van"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    tot = forms.DateField(
        label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    bijlage = forms.BooleanField(
        label=_("Volledige notities als bijlage"),
        required=False,
        help_text=_(
            "Achter de samenvatting elke gedeelde klimaatnotitie en elk antwoord uit de "
            "handvatten van de periode, volledig."
        ),
    )

    def __init__(self, *args, groups, group_word: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groepen"].choices = [(str(group.code), group.name) for group in groups]
        self.fields["groepen"].label = group_word.capitalize()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("van"), cleaned.get("tot")
        latest = datetime.date(timezone.localdate().year + 2, 12, 31)
        for name, day in (("van", start), ("tot", end)):
            if day is not None and not EARLIEST <= day <= latest:
                self.add_error(
                    name,
                    _("Kies een datum tussen %(first)s en %(last)s.")
                    % {"first": EARLIEST.year, "last": latest.year},
                )
        if self.errors:
            return cleaned
        if start and end and start > end:
            self.add_error("tot", _("Deze datum ligt vóór de begindatum. Kies een latere datum."))
        elif start and end and (end - start).days > MAX_PERIOD_DAYS:
            self.add_error(
                "tot",
                _(
                    "Kies een periode van hoogstens twee schooljaren. "
                    "Voor een langere periode maak je twee verslagen."
                ),
            )
        return cleaned
