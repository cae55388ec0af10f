from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welbevinden.dashboard import sections
from welbevinden.dashboard.periods import PERIODS
from welbevinden.dashboard.sections import Span
from welbevinden.schools.models import SchoolYear


class SpanForm(forms.Form):
    """The school year and period the dashboard (and the Kernteamrapport) covers."""

    jaar = forms.ChoiceField(
        label=_("Schooljaar"),
        error_messages={"invalid_choice": _("Dat schooljaar staat niet bij deze school.")},
    )
    periode = forms.TypedChoiceField(
        label=_("Periode"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("het hele jaar"))]
        + [(str(number), label) for number, (_month, label) in enumerate(PERIODS, start=1)],
        error_messages={"invalid_choice": _("Kies een periode uit de lijst.")},
    )

    def __init__(self, data, *, years):
        self.years = {str(year.code): year for year in years}
        current = next((year for year in years if year.is_current), years[0] if years else None)
        self.current = current
        bound = {
            "jaar": data.get("jaar") or (str(current.code) if current else ""),
            **{key: data[key] for key in ("periode",) if key in data},
        }
        super().__init__(bound)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"
        self.fields["jaar"].choices = [
            (code, year.name + (" (" + str(_("huidig")) + ")" if year.is_current else ""))
            for code, year in self.years.items()
        ]

    def span(self) -> Span | None:
        """The span asked for; on bad input the current year (the errors say why)."""
        if self.is_valid():
            year = self.years[self.cleaned_data["jaar"]]
            number = self.cleaned_data["periode"]
            return Span(year, year_period(year, number))
        return Span(self.current) if self.current else None


def year_period(year, number):
    if number is None:
        return None
    return Span(year).periods[number - 1]


def dashboard_for(
    access, params, *, fragments: str = "", progress=None
) -> tuple[SpanForm, sections.SchoolDashboard | None]:
    """The dashboard for the span asked for: the page and the Kernteamrapport
    (with the ``fragments`` each shows, and ``progress``, sections.build)."""
    years = list(SchoolYear.objects.filter(school=access.school).order_by("-start_year"))
    form = SpanForm(params, years=years)
    span = form.span()
    if span is None:
        return form, None
    viewer = sections.viewer_for(access, span.year, timezone.localdate())
    return form, sections.build(viewer, span, fragments=fragments, progress=progress)
