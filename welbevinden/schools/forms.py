from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from welbevinden.accounts.models import normalise_email
from welbevinden.schools.models import Group, Membership, Pupil, Role, School, SchoolYear
from welbevinden.text import NameField


class SchoolYearForm(forms.Form):
    start_year = forms.IntegerField(
        label=_("Beginjaar"),
        min_value=2000,
        max_value=2100,
        help_text=_("Het schooljaar loopt van 1 augustus tot en met 31 juli."),
    )
    make_current = forms.BooleanField(label=_("Maak dit het huidige schooljaar"), required=False)

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        if not self.is_bound:
            self.initial.setdefault(
                "start_year", SchoolYear.start_year_for(timezone.localdate()) + 1
            )

    def clean_start_year(self):
        start_year = self.cleaned_data["start_year"]
        if self.school.school_years.filter(start_year=start_year).exists():
            raise forms.ValidationError(
                _("Schooljaar %(first)s-%(second)s bestaat al."),
                params={"first": start_year, "second": start_year + 1},
            )
        return start_year


class RowsChoiceField(forms.ModelMultipleChoiceField):
    """Ticked rows by id; an id past 64 bits is refused before the database sees it.

    Django looks up ``pk__in`` with the posted values as they are, and SQLite
    cannot take a number that large (OverflowError: a server error).
    """

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk).strip())
            except ValueError:
                continue  # not a number at all: Django's own message
            if not -(2**63) <= number < 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class TeacherChoiceField(RowsChoiceField):
    def label_from_instance(self, membership):
        return membership.user.full_name


class GroupForm(forms.ModelForm):
    teachers = TeacherChoiceField(
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Leraren"),
    )

    class Meta:
        model = Group
        fields = ["name", "teachers"]
        field_classes = {"name": NameField}

    def __init__(self, *args, school: School, school_year: SchoolYear, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.school_year = school_year
        self.fields["name"].help_text = _("Bijvoorbeeld 6b, 2 havo A of Zonnebloemen.")
        self.fields["teachers"].queryset = (
            Membership.objects.active()
            .with_role(Role.LERAAR)
            .filter(school=school)
            .select_related("user")
            .order_by("user__full_name")
        )
        self.fields["teachers"].help_text = _(
            "Alleen leden met de rol leraar staan hier. Rollen pas je aan bij Leden."
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Group.objects.filter(school_year=self.school_year, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("Er is al een %(word)s met deze naam in %(year)s."),
                params={"word": self.school.group_word, "year": self.school_year.name},
            )
        return name

    def clean_teachers(self):
        chosen = list(self.cleaned_data["teachers"])
        if not self.instance.pk:
            return chosen
        # Teachers who are not in the list (the leraar role taken away, or
        # deactivated) cannot be ticked, so an empty box says nothing about
        # them: their links stay until they are changed at Leden.
        offered = self.fields["teachers"].queryset
        hidden = self.instance.teachers.exclude(pk__in=offered.values("pk"))
        return [*chosen, *hidden]


class PupilForm(forms.ModelForm):
    class Meta:
        model = Pupil
        fields = ["display_name", "lvs_number"]
        field_classes = {"display_name": NameField}
        help_texts = {
            "display_name": _("Roepnaam en eerste letter van de achternaam, bijvoorbeeld Sanne B."),
            "lvs_number": _("Niet verplicht. Handig om leerlingen terug te vinden in je LVS."),
        }

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school

    def clean_display_name(self):
        return self.cleaned_data["display_name"].strip()

    def clean_lvs_number(self):
        number = self.cleaned_data["lvs_number"].strip()
        if number:
            clash = Pupil.objects.filter(school=self.school, lvs_number=number)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise forms.ValidationError(_("Dit leerlingnummer bestaat al op deze school."))
        return number


class PupilListForm(forms.Form):
    names = forms.CharField(
        label=_("Namen"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Eén leerling per regel. Wil je ook het leerlingnummer opnemen? Zet het achter de "
            "naam, gescheiden door een puntkomma of tab (zo plak je twee kolommen uit Excel)."
        ),
    )


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, group):
        return f"{group.name} ({group.school_year.name})"


class MovePupilForm(forms.Form):
    group = GroupChoiceField(queryset=Group.objects.none())

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].label = _("Naar %(word)s") % {"word": school.group_word}
        # Moving makes sense within this school year and into later ones
        # (placing pupils for next year); past years are history.
        self.fields["group"].queryset = (
            Group.objects.filter(
                school=school,
                school_year__in=SchoolYear.objects.filter(school=school).not_before(
                    school.current_year()
                ),
            )
            .select_related("school_year")
            .order_by("school_year__start_year", "name")
        )


ROLE_HELP = {
    Role.BEHEERDER: _("beheert leden, schooljaren, groepen en leerlingen"),
    Role.KERNTEAM: _("werkt schoolbreed aan welbevinden, met de piramide en checklists"),
    Role.IB: _("ziet alle groepen en ondersteunt leraren"),
    Role.DIRECTIE: _("leest het dashboard en de rapportages"),
    Role.LERAAR: _("werkt met de eigen groepen of klassen"),
}


class RoleChoiceField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            choices=[(role.value, f"{role.label} — {ROLE_HELP[role]}") for role in Role],
            label=_("Rollen"),
            error_messages={"required": _("Kies minstens één rol.")},
            **kwargs,
        )


class MemberGroupsMixin(forms.Form):
    def _set_group_choices(self, school: School):
        field = RowsChoiceField(
            queryset=(
                Group.objects.filter(
                    school=school,
                    school_year__in=SchoolYear.objects.filter(school=school).not_before(
                        school.current_year()
                    ),
                )
                .select_related("school_year")
                .order_by("school_year__start_year", "name")
            ),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=_("%(words)s waaraan deze persoon lesgeeft")
            % {"words": capfirst(school.group_word_plural)},
            help_text=_("Alleen nodig voor de rol leraar."),
        )
        field.label_from_instance = lambda group: f"{group.name} ({group.school_year.name})"
        self.fields["groups"] = field
        self._group_words = school.group_word_plural

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("groups") and Role.LERAAR.value not in cleaned.get("roles", []):
            self.add_error(
                "groups",
                _("Koppel %(words)s alleen aan iemand met de rol leraar.")
                % {"words": self._group_words},
            )
        return cleaned


class InvitationForm(MemberGroupsMixin):
    email = forms.EmailField(label=_("E-mailadres"))
    full_name = NameField(
        label=_("Naam"), max_length=150, required=False, help_text=_("Niet verplicht.")
    )
    roles = RoleChoiceField()
    field_order = ["email", "full_name", "roles", "groups"]

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self._set_group_choices(school)

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        membership = Membership.objects.filter(school=self.school, user__email=email).first()
        if membership is not None and not membership.is_active:
            raise forms.ValidationError(
                _(
                    "Deze persoon is gedeactiveerd. Geef weer toegang bij Leden, onder "
                    "Gedeactiveerd."
                )
            )
        if membership is not None:
            raise forms.ValidationError(
                _("Deze persoon is al lid van de school. Pas de rollen aan bij Leden.")
            )
        return email


class MembershipForm(MemberGroupsMixin):
    roles = RoleChoiceField()

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_group_choices(membership.school)
        if not self.is_bound:
            self.initial = {
                "roles": [role.value for role in membership.roles],
                "groups": list(
                    membership.taught_groups.filter(pk__in=self.fields["groups"].queryset)
                ),
            }
