import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from circles.climate import content
from circles.climate.models import ClassAgreements, ClassConversation, Entry, ReminderSettings

NAMES_WARNING = _(
    "Schrijf geen volledige namen van leerlingen: een voornaam of initialen is genoeg."
)


def _choices(options) -> list[tuple[str, str]]:
    return [(o.key, o.text) for o in options]


class EntryForm(forms.ModelForm):
    class Meta:
        model = Entry
        fields = [
            "day",
            "level",
            "phase",
            "time_spent",
            "approach",
            "went_well",
            "worries",
            "next_step",
            "next_handvat",
            "visibility",
        ]
        widgets = {
            "day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "went_well": forms.Textarea(attrs={"rows": 2}),
            "worries": forms.Textarea(attrs={"rows": 2}),
            "next_step": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"] = forms.ChoiceField(
            label=_("Klimaat"),
            choices=_choices(content.levels()),
            widget=forms.RadioSelect,
            error_messages={"required": _("Kies hoe het klimaat in de klas nu is.")},
        )
        self.fields["phase"] = forms.ChoiceField(
            label=_("Fase van de groep"),
            choices=_choices(content.phases()),
            widget=forms.RadioSelect,
            required=False,
        )
        self.fields["time_spent"] = forms.ChoiceField(
            choices=_choices(content.time_options()), widget=forms.RadioSelect, required=False
        )
        self.fields["approach"] = forms.ChoiceField(
            choices=_choices(content.approach_options()), widget=forms.RadioSelect, required=False
        )
        self.fields["next_handvat"] = forms.ChoiceField(
            label=_("Of kies een handvat of werkvorm uit de handreiking"),
            choices=[("", "—"), *_choices(content.next_steps())],
            required=False,
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        visibility = self.fields["visibility"]
        visibility.widget = forms.RadioSelect(choices=visibility.choices)
        self.fields["day"].error_messages["invalid"] = _("Vul een geldige datum in.")
        for name in ("went_well", "worries", "next_step"):
            self.fields[name].help_text = NAMES_WARNING
        if not self.instance.pk:
            self.initial.setdefault("day", timezone.localdate())

    def clean_day(self) -> datetime.date:
        day = self.cleaned_data["day"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return day


class ReminderSettingsForm(forms.ModelForm):
    weeks_in_golden_weeks = forms.IntegerField(
        label=_("Tijdens de gouden weken: herinneren na zoveel weken zonder notitie"),
        min_value=1,
        max_value=12,
    )
    weeks_after = forms.IntegerField(
        label=_("Daarna: herinneren na zoveel weken zonder notitie"), min_value=1, max_value=12
    )

    class Meta:
        model = ReminderSettings
        fields = ["weeks_in_golden_weeks", "golden_weeks_until", "weeks_after"]
        widgets = {"golden_weeks_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        # Ours, not the handreiking's: it describes one school's "tot en met de herfstvakantie".
        help_texts = {"golden_weeks_until": _("Leeg: tot en met 15 oktober (onze standaard).")}


class ClassConversationForm(forms.ModelForm):
    class Meta:
        model = ClassConversation
        fields = ["day", "questions", "other_question", "outcome"]
        widgets = {
            "day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "outcome": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"] = forms.MultipleChoiceField(
            label=_("Welke vragen heb je met de klas besproken?"),
            choices=[(o.key, o.text) for o in content.class_questions()],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields["other_question"].label = _("Een andere vraag")
        self.fields["outcome"].label = _("Wat kwam er uit het gesprek met de klas?")
        self.fields["outcome"].help_text = NAMES_WARNING
        self.fields["day"].error_messages["invalid"] = _("Vul een geldige datum in.")
        if not self.instance.pk:
            self.initial.setdefault("day", timezone.localdate())

    def clean_day(self) -> datetime.date:
        day = self.cleaned_data["day"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return day

    def clean(self):
        data = super().clean()
        if not data.get("questions") and not data.get("other_question") and not data.get("outcome"):
            raise forms.ValidationError(
                _("Kies een vraag die jullie bespraken, of schrijf op wat eruit kwam.")
            )
        return data


class ClassAgreementsForm(forms.ModelForm):
    class Meta:
        model = ClassAgreements
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].label = _("Titel op de poster")
        self.fields["title"].help_text = _("Leeg: ‘Onze klassenafspraken’.")
        self.fields["text"].error_messages["required"] = _("Schrijf minstens één afspraak op.")

    def clean_text(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["text"].splitlines() if line.strip()]
        if len(lines) > 15:
            raise forms.ValidationError(
                _("Een poster heeft ruimte voor 15 afspraken; dit zijn er %(n)s.")
                % {"n": len(lines)}
            )
        if any(len(line) > 140 for line in lines):
            raise forms.ValidationError(_("Houd elke afspraak korter dan 140 tekens."))
        return "\n".join(lines)


class ClassModeStartForm(forms.Form):
    pin = forms.RegexField(
        label=_("Pincode om de klasmodus te beëindigen (4 tot 8 cijfers, mag leeg)"),
        regex=r"^[0-9]{4,8}$",
        required=False,
        help_text=_("Leeg: je beëindigt de klasmodus met je wachtwoord."),
        error_messages={"invalid": _("Een pincode is 4 tot 8 cijfers.")},
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
