from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sociogram import questions as q
from sociogram.models import Flag

# As the handvatten's open questions (circles.forms.TEXT_LIMIT).
TEXT_LIMIT = 5000


class SetupForm(forms.Form):
    """The sociogram's name, the questions (on, wording, feeds LM/LL) and a maximum."""

    title = forms.CharField(label=_("Naam"), max_length=80)
    max_choices = forms.IntegerField(
        label=_("Hoogstens zoveel namen per vraag"),
        required=False,
        min_value=1,
        max_value=40,
        help_text=_(
            "Leeg laten: zoveel als de leerling wil. Dat geeft de betrouwbaarste uitkomst."
        ),
    )

    def __init__(self, *args, questions: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.question_rows = []
        for question in questions:
            key = question["key"]
            self.fields[f"on-{key}"] = forms.BooleanField(
                label=_("Stellen"), required=False, initial=question["on"]
            )
            self.fields[f"text-{key}"] = forms.CharField(
                label=_("Vraag"), max_length=q.MAX_TEXT, initial=question["text"]
            )
            self.fields[f"feeds-{key}"] = forms.BooleanField(
                label=_("Telt mee"), required=False, initial=question["feeds"]
            )
            self.question_rows.append(
                (question, self[f"on-{key}"], self[f"text-{key}"], self[f"feeds-{key}"])
            )

    def clean(self):
        data = super().clean()
        if not any(data.get(f"on-{key}") for key in q.KEYS):
            raise forms.ValidationError(_("Zet minstens één vraag aan."))
        positive_on = [
            key
            for key, _text, polarity in q.DEFAULTS
            if polarity == q.POSITIVE and data.get(f"on-{key}")
        ]
        if not positive_on:
            raise forms.ValidationError(
                _("Stel minstens één vraag naar wie een leerling graag mag (een positieve vraag).")
            )
        return data

    def questions(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "key": key,
                "text": data[f"text-{key}"].strip(),
                "polarity": polarity,
                "on": bool(data.get(f"on-{key}")),
                "feeds": bool(data.get(f"feeds-{key}")),
            }
            for key, _text, polarity in q.DEFAULTS
        ]


class ReflectionForm(forms.Form):
    """Stap 3's questions and stap 4's plan; the labels are the handvat's (content)."""

    verrassingen = forms.CharField(
        required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )
    kansen = forms.CharField(
        required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )
    evalueren = forms.CharField(
        required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )
    wat = forms.CharField(
        label=_("Wat"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    wanneer = forms.CharField(label=_("Wanneer"), required=False, max_length=200)
    met_wie = forms.CharField(label=_("Met wie"), required=False, max_length=200)
    # The reflection's version when the page was loaded (a colleague's later save is a conflict).
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, labels: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in labels.items():
            if key in self.fields:
                self.fields[key].label = label

    def reflection(self) -> dict:
        data = self.cleaned_data
        return {
            "verrassingen": data["verrassingen"],
            "kansen": data["kansen"],
            "evalueren": data["evalueren"],
            "plan": {"wat": data["wat"], "wanneer": data["wanneer"], "met_wie": data["met_wie"]},
        }


class NoteForm(forms.Form):
    """One pupil's row; ``version`` and ``was`` (a digest of the row as the page
    showed it) tell a colleague's later save apart from this person's change."""

    flags = forms.MultipleChoiceField(
        label=_("Wat je ziet"),
        choices=Flag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Notitie (eigen kennis en leerlingvolgsysteem)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    was = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
