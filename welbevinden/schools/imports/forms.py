from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welbevinden.schools.imports.csvfile import FIELD_LABELS, REQUIRED
from welbevinden.schools.models import School, SchoolYear

AUTO = "auto"


def year_choices(school: School) -> list[tuple[str, str]]:
    """The school's years, and the next one (created by the import)."""
    years = list(SchoolYear.objects.filter(school=school).order_by("start_year"))
    starts = [y.start_year for y in years]
    if not starts:
        starts = [SchoolYear.start_year_for(timezone.localdate())]
    choices = [
        (str(y.start_year), _("%s (huidig)") % y.name if y.is_current else y.name) for y in years
    ]
    following = max(starts) + 1
    choices.append(
        (
            str(following),
            _("%(name)s (nieuw schooljaar)") % {"name": f"{following}-{following + 1}"},
        )
    )
    if not years:
        current = starts[0]
        choices.insert(0, (str(current), f"{current}-{current + 1}"))
    return [(AUTO, _("Uit het bestand (EDEXML), anders het huidige schooljaar")), *choices]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("Een EDEXML-export (.xml) of een CSV-bestand (.csv of .txt)."),
    )
    year = forms.ChoiceField(label=_("Importeren in schooljaar"))

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices(school)
        self.fields["year"].initial = AUTO


class ColumnMappingForm(forms.Form):
    """Which column is what, for a CSV file whose headers we did not recognise."""

    def __init__(self, *args, headers: list[str], guess: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            ("", _("— geen —")),
            *((str(i), h or f"kolom {i + 1}") for i, h in enumerate(headers)),
        ]
        for field, label in FIELD_LABELS.items():
            self.fields[f"col_{field}"] = forms.ChoiceField(
                label=label, choices=choices, required=field in REQUIRED
            )
            if field in guess:
                self.fields[f"col_{field}"].initial = str(guess[field])
        self.fields["headers"] = forms.CharField(
            widget=forms.HiddenInput, initial="\t".join(headers)
        )

    def mapping(self) -> dict[str, int | None]:
        return {
            field: int(self.cleaned_data[f"col_{field}"])
            if self.cleaned_data.get(f"col_{field}")
            else None
            for field in FIELD_LABELS
        }


class ConfirmImportForm(forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput)
    archive_leavers = forms.BooleanField(required=False)
    archive_left = forms.BooleanField(required=False)
    make_current = forms.BooleanField(required=False)
