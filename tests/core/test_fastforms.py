"""welbevinden/core/fastforms.py draws the HTML crispy-bootstrap5 draws, only faster."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from django import forms
from django.template import Context, Template
from django.test.html import parse_html
from django.utils.html import format_html

from welbevinden.core.fastforms import field_html, form_html

QUOTED = format_html('<q class="hr">{}</q>', "Wat zie je?")


class EveryWidgetForm(forms.Form):
    name = forms.CharField(label="Naam & rol", max_length=50, help_text="Geen <b>leerlingen</b>.")
    email = forms.EmailField(required=False)
    count = forms.IntegerField(min_value=1, required=False)
    when = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=20)
    styled = forms.CharField(widget=forms.TextInput(attrs={"class": "w-50"}), required=False)
    kind = forms.ChoiceField(choices=[("", "---"), ("a", "Een <a>"), ("b", "Twee")])
    grouped = forms.ChoiceField(
        choices=[("Eerste", [("1", "Een"), ("2", "Twee")]), ("Tweede", [("3", "Drie")])],
        required=False,
    )
    scale = forms.ChoiceField(
        label=QUOTED,
        choices=[("x", QUOTED), ("y", "Soms")],
        widget=forms.RadioSelect,
        required=False,
        help_text="Kies er één.",
    )
    needed = forms.ChoiceField(choices=[("x", "Ja"), ("y", "Nee")], widget=forms.RadioSelect)
    several = forms.MultipleChoiceField(
        choices=[("p", "Pesten"), ("q", "Ruzie")], widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField(label="Ik ga akkoord")
    optional_tick = forms.BooleanField(required=False, help_text="Mag ook leeg.")
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        if self.data.get("name") == "fout":
            raise forms.ValidationError("Er klopt iets niet <samen>.")
        return super().clean()


INVALID = {
    "name": "x" * 60,
    "email": "geen-adres",
    "count": "0",
    "notes": "<script>" * 5,
    "kind": "z",
    "scale": "nee",
    "several": ["p", "onbekend"],
    "token": "abc",
}
VALID = {
    "name": "Juf <Anna>",
    "email": "a@example.org",
    "count": "3",
    "when": "2026-12-07",
    "notes": "Eerste regel\nTweede & derde",
    "styled": "ok",
    "kind": "a",
    "grouped": "3",
    "scale": "x",
    "needed": "y",
    "several": ["p", "q"],
    "agree": "on",
    "optional_tick": "on",
}
FORMS = {
    "unbound": lambda: EveryWidgetForm(),
    "initial": lambda: EveryWidgetForm(initial={"name": "Joris", "several": ["q"], "agree": True}),
    "valid": lambda: EveryWidgetForm(VALID),
    "invalid": lambda: EveryWidgetForm(INVALID),
    "non-field error": lambda: EveryWidgetForm({**VALID, "name": "fout"}),
    "prefixed": lambda: EveryWidgetForm(INVALID, prefix="p"),
}


@pytest.mark.parametrize("state", FORMS)
def test_every_field_is_drawn_as_crispy_draws_it(state):
    for name in EveryWidgetForm.base_fields:
        crispy_form, fast_form = FORMS[state](), FORMS[state]()
        crispy_form.is_bound and crispy_form.is_valid()
        fast_form.is_bound and fast_form.is_valid()
        assert parse_html(field_html(fast_form[name])) == parse_html(
            as_crispy_field(crispy_form[name])
        ), name


@pytest.mark.parametrize("state", FORMS)
def test_a_whole_form_is_drawn_as_crispy_draws_it(state):
    assert parse_html(form_html(FORMS[state]())) == parse_html(as_crispy_form(FORMS[state]()))


def test_a_form_with_errors_shows_them_and_keeps_what_was_typed():
    form = EveryWidgetForm({**INVALID, "styled": "mijn tekst"})
    html = Template("{% load fastforms %}{{ form|fast_form }}").render(Context({"form": form}))
    # The error under its field, tied to the input for screen readers.
    assert '<div id="id_name_error" class="invalid-feedback"><p id="error_1_id_name">' in html
    assert 'class="textinput form-control is-invalid" required aria-invalid="true"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert '<fieldset aria-describedby="id_scale_helptext id_scale_error">' in html
    # What was typed stays, escaped.
    assert 'value="' + "x" * 60 + '"' in html
    assert 'value="mijn tekst"' in html
    assert ">\n" + "&lt;script&gt;" * 5 + "</textarea>" in html and "<script>" not in html
    # The ticked choice stays ticked; an unknown one is simply not there.
    assert 'value="p"  id="id_several_0" aria-invalid="true" checked>' in html
    assert 'value="q"  id="id_several_1" aria-invalid="true">' in html
    assert 'name="token" value="abc"' in html


def test_a_widget_it_does_not_know_is_left_to_crispy():
    class FileForm(forms.Form):
        upload = forms.FileField()
        many = forms.MultipleChoiceField(choices=[("a", "A")])

    for name in ("upload", "many"):
        assert field_html(FileForm()[name]) == as_crispy_field(FileForm()[name])
