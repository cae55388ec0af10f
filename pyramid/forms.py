from django import forms
from django.utils.translation import gettext_lazy as _

from circles.models import Partner
from pyramid.models import Item, Layer, ReachKind
from welbevinden.schools.models import Membership


class ItemForm(forms.ModelForm):
    circles = forms.TypedMultipleChoiceField(
        label=_("Welke cirkel(s) dient het?"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    owner = forms.ChoiceField(label=_("Eigenaar"), required=False)
    evidence_url = forms.URLField(
        label=_("Link naar de onderbouwing"),
        required=False,
        assume_scheme="https",
        help_text=_("Bijvoorbeeld de pagina in een databank met erkende interventies."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Item
        fields = [
            "layer",
            "name",
            "description",
            "circles",
            "target_group",
            "reach_kind",
            "reach_value",
            "frequency",
            "owner",
            "evidence",
            "evidence_url",
            "status",
            "notes",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "reach_value": _(
                "Bij ‘een aantal’ het aantal leerlingen, bij ‘een percentage’ 0 tot 100."
            ),
        }

    def __init__(self, *args, school, circles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["circles"].choices = [(c.number, f"{c.number}. {c.name}") for c in circles]
        members = Membership.objects.active().filter(school=school).select_related("user")
        partners = Partner.objects.filter(school=school)
        self._members = {f"m:{m.code}": m for m in members}
        self._partners = {f"p:{p.code}": p for p in partners}
        self.fields["owner"].choices = [
            ("", _("Nog niemand")),
            (_("Collega's"), [(key, m.user.full_name) for key, m in self._members.items()]),
            (
                _("Partners (cirkel 6)"),
                [(key, p.name) for key, p in self._partners.items()],
            ),
        ]
        if self.instance.pk:
            if self.instance.owner_member_id:
                self.initial["owner"] = f"m:{self.instance.owner_member.code}"
            elif self.instance.owner_partner_id:
                self.initial["owner"] = f"p:{self.instance.owner_partner.code}"
            self.initial.setdefault("version", self.instance.version)

    def clean(self):
        data = super().clean()
        kind, value = data.get("reach_kind"), data.get("reach_value")
        if kind in (ReachKind.NUMBER, ReachKind.PERCENT) and value is None:
            self.add_error("reach_value", _("Vul het aantal of het percentage in."))
        if kind == ReachKind.PERCENT and value is not None and value > 100:
            self.add_error("reach_value", _("Een percentage ligt tussen 0 en 100."))
        if kind in (ReachKind.ALL, ReachKind.UNKNOWN):
            data["reach_value"] = None
        return data

    def item_data(self) -> dict:
        """The cleaned values as the services take them (owner split into member or partner)."""
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields if name != "owner"}
        owner = self.cleaned_data.get("owner") or ""
        data["owner_member"] = self._members.get(owner)
        data["owner_partner"] = self._partners.get(owner)
        data["circles"] = sorted(data.get("circles") or [])
        return data


class NotesForm(forms.Form):
    """A layer's guiding questions as text fields, labelled from the content."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, questions: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question["key"]] = forms.CharField(
                label=question.get("label") or question.get("own_label"),
                required=False,
                max_length=10000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def answers(self) -> dict:
        return {q["key"]: self.cleaned_data.get(q["key"], "").strip() for q in self.questions}


class MoveForm(forms.Form):
    layer = forms.ChoiceField(choices=Layer.choices, required=False)
    step = forms.TypedChoiceField(choices=[("-1", "-1"), ("1", "1")], coerce=int, required=False)
