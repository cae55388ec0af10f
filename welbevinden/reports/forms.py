from django import forms
from django.utils.translation import gettext_lazy as _


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

    def __init__(self, *args, groups, group_word: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groepen"].choices = [(str(group.code), group.name) for group in groups]
        self.fields["groepen"].label = group_word.capitalize()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("van"), cleaned.get("tot")
        if start and end and start > end:
            self.add_error("tot", _("Deze datum ligt vóór de begindatum. Kies een latere datum."))
        return cleaned
