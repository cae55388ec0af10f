from django import forms
from django.utils.translation import gettext_lazy as _

from checklists import content
from checklists.checkin import prompt_options
from checklists.models import Action, Agenda, Answer, ClassGoal, Goal, Prompt
from welbevinden.schools.models import Membership

NOTE_MAX = 2000


class ResponsesForm(forms.Form):
    """A member's own answers: per item a choice on the scale and a note."""

    def __init__(self, *args, checklist: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.checklist = checklist
        for item in content.items(checklist):
            self.fields[f"{item['key']}-answer"] = forms.ChoiceField(
                label=content.item_label(item),
                choices=Answer.choices,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"{item['key']}-note"] = forms.CharField(
                label=_("Toelichting"), required=False, max_length=NOTE_MAX
            )

    def rows(self):
        for section in self.checklist["sections"]:
            yield (
                section,
                [
                    (item, self[f"{item['key']}-answer"], self[f"{item['key']}-note"])
                    for item in section["items"]
                ],
            )

    def answers(self) -> dict[str, tuple[str, str]]:
        return {
            item["key"]: (
                self.cleaned_data.get(f"{item['key']}-answer") or "",
                self.cleaned_data.get(f"{item['key']}-note") or "",
            )
            for item in content.items(self.checklist)
        }


class AgreementForm(forms.Form):
    answer = forms.ChoiceField(label=_("Afgesproken antwoord"), choices=Answer.choices)
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # The version the page was made from (services.save_agreement).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class ClassGoalForm(forms.ModelForm):
    class Meta:
        model = ClassGoal
        fields = ["text"]
        labels = {"text": _("Jouw doel")}


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "target", "monitoring", "evaluate_on"]
        widgets = {
            "evaluate_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "monitoring": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "title": _("Doel (zo concreet mogelijk)"),
            "target": _("Voor wie: de hele school of een groep"),
            "monitoring": _("Hoe volgen jullie of het lukt?"),
            "evaluate_on": _("Wanneer evalueren jullie dit doel?"),
        }


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["what", "who", "due"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {
            "what": _("Wat gaat er gebeuren?"),
            "who": _("Wie doet het?"),
            "due": _("Wanneer?"),
        }

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["who"].queryset = Membership.objects.filter(pk__in=[m.pk for m in members])
        self.fields["who"].label_from_instance = lambda m: m.user.full_name
        self.fields["who"].choices = [("", "—")] + [(m.pk, m.user.full_name) for m in members]


class EvaluateForm(forms.Form):
    learned = forms.CharField(
        label=_("Wat hebben jullie geleerd?"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class AgendaForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = Agenda
        fields = ["on_agenda", "involve", "monitoring"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", self.instance.version)


class StartCheckInForm(forms.Form):
    meeting = forms.CharField(label=_("Vergadering"), max_length=120)
    prompt = forms.ChoiceField(label=_("Check-in"), choices=Prompt.choices)


class CheckInAnswerForm(forms.Form):
    value = forms.CharField(label=_("Jouw antwoord"), max_length=40)

    def __init__(self, *args, prompt: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = prompt_options(prompt)
        if self.options:
            self.fields["value"] = forms.ChoiceField(
                label=_("Jouw antwoord"),
                choices=[(o.key, o.label) for o in self.options],
                widget=forms.RadioSelect,
            )

    def clean_value(self):
        value = self.cleaned_data["value"].strip()
        if not self.options:
            # One word or a short sentence; kept as typed, compared without case.
            if not value:
                raise forms.ValidationError(_("Typ een woord of een korte zin."))
            value = value.lower()
        return value
