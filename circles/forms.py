"""Forms built from a handvat's content: one field (or a few) per question."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from circles.marking import marked, quote
from circles.models import Partner, SchoolContext
from welbevinden.text import NameField

PLAN_PARTS = (("wat", _("Wat ga je doen?")), ("wanneer", _("Wanneer?")), ("met_wie", _("Met wie?")))
TEXT_LIMIT = 5000


class StepForm(forms.Form):
    """The questions of one step; ``answers()`` turns the fields back into JSON values."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, step: dict, initial_answers: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.questions = step.get("questions", [])
        answers = initial_answers or {}
        for question in self.questions:
            self._add_fields(question, answers.get(question["key"]))

    def _add_fields(self, question: dict, value) -> None:
        key, kind = question["key"], question["type"]
        # Labels carry the quote marking (see circles/marking.py).
        text = marked(question)
        if kind == "text":
            self.fields[key] = forms.CharField(
                label=text,
                required=False,
                max_length=TEXT_LIMIT,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=value or "",
            )
        elif kind == "sentence":
            self.fields[key] = forms.CharField(
                label=format_html("{} …", quote(question["prefix"])),
                required=False,
                max_length=TEXT_LIMIT,
                initial=value or "",
            )
        elif kind == "scale":
            self.fields[key] = forms.ChoiceField(
                label=text,
                required=False,
                choices=[(o["key"], marked(o)) for o in question["options"]],
                widget=forms.RadioSelect,
                initial=value,
            )
        elif kind == "choices":
            value = value or {}
            self.fields[key] = forms.MultipleChoiceField(
                label=text,
                required=False,
                choices=[(o["key"], marked(o)) for o in question["options"]],
                widget=forms.CheckboxSelectMultiple,
                initial=value.get("selected", []),
            )
            if question.get("other"):
                self.fields[f"{key}__other"] = forms.CharField(
                    label=_("Anders, namelijk"),
                    required=False,
                    max_length=TEXT_LIMIT,
                    initial=value.get("other", ""),
                )
        elif kind in ("per_item", "rating"):
            value = value or {}
            if kind == "per_item":
                choices = [(c["key"], marked(c)) for c in question["columns"]]
            else:
                choices = [(str(n), str(n)) for n in range(1, 6)]
            for item in question["items"]:
                initial = value.get(item["key"])
                self.fields[f"{key}__{item['key']}"] = forms.ChoiceField(
                    label=marked(item),
                    required=False,
                    choices=choices,
                    widget=forms.RadioSelect,
                    initial=str(initial) if initial is not None else None,
                )
        elif kind == "plan":
            value = value or {}
            for part, part_label in PLAN_PARTS:
                widget = forms.Textarea(attrs={"rows": 2}) if part == "wat" else forms.TextInput
                self.fields[f"{key}__{part}"] = forms.CharField(
                    label=part_label,
                    required=False,
                    max_length=TEXT_LIMIT if part == "wat" else 200,
                    widget=widget,
                    initial=value.get(part, ""),
                )

    def answers(self) -> dict:
        """The cleaned answers of this step, as stored in Round.answers."""
        data = self.cleaned_data
        result = {}
        for question in self.questions:
            key, kind = question["key"], question["type"]
            if kind in ("text", "sentence", "scale"):
                result[key] = data.get(key) or ""
            elif kind == "choices":
                result[key] = {"selected": data.get(key) or []}
                if question.get("other"):
                    result[key]["other"] = data.get(f"{key}__other", "")
            elif kind == "per_item":
                result[key] = {
                    item["key"]: data.get(f"{key}__{item['key']}") or ""
                    for item in question["items"]
                    if data.get(f"{key}__{item['key']}")
                }
            elif kind == "rating":
                result[key] = {
                    item["key"]: int(data[f"{key}__{item['key']}"])
                    for item in question["items"]
                    if data.get(f"{key}__{item['key']}")
                }
            elif kind == "plan":
                result[key] = {part: data.get(f"{key}__{part}", "") for part, _ in PLAN_PARTS}
        return result

    def rows(self):
        """(question, [bound fields]) per question, for the template."""
        for question in self.questions:
            names = [
                name
                for name in self.fields
                if name == question["key"] or name.startswith(f"{question['key']}__")
            ]
            yield question, [self[name] for name in names]


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "contact_role", "notes"]
        field_classes = {"name": NameField, "contact_role": NameField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class SchoolContextForm(forms.ModelForm):
    class Meta:
        model = SchoolContext
        fields = ["description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "description": _(
                "Bijvoorbeeld: kenmerken van de wijk, sociale factoren, thuissituaties, de "
                "zorgstructuur buiten de school."
            )
        }
