"""Form fields rendered in Python with the markup crispy-bootstrap5 gives them (issue 24).

crispy renders every field through half a dozen templates (field.html, the
help-text and error includes, the widget's own templates); on the round
page, with ten or more questions, that was half of the page's time. This
module writes the same HTML directly for the widgets the app uses (text-like
inputs, textarea, select, radio buttons, checkboxes, a checkbox list) in the
way ``{{ field|as_crispy_field }}`` and ``{{ form|crispy }}`` draw them
without a FormHelper: the wrapper ``div_<id>``, the label or (for radio and
checkbox lists) fieldset and legend, the required mark, the widget with
``form-control``/``form-select``/``form-check-input`` and ``is-invalid``,
help text and ``invalid-feedback`` errors with their ids, and Django's own
``aria-invalid``/``aria-describedby``. Anything else (a file input, a
multi-widget, a widget with a template of its own, a form with a helper) is
handed to crispy, so every field still renders.

Use ``{% load fastforms %}`` and ``{{ field|fast_field }}`` or
``{{ form|fast_form }}``. tests/core/test_fastforms.py compares the output
with crispy's for each widget, bound and unbound, with and without errors.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.forms.boundfield import BoundField
from django.forms.widgets import Input
from django.utils import formats
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, SafeString, mark_safe

# The Django templates each widget class renders with; a widget given another
# template (its own markup) goes to crispy.
_INPUT = "django/forms/widgets/input.html"
_TEMPLATES = {
    "input": {
        "django/forms/widgets/text.html",
        "django/forms/widgets/email.html",
        "django/forms/widgets/number.html",
        "django/forms/widgets/url.html",
        "django/forms/widgets/password.html",
        "django/forms/widgets/date.html",
        "django/forms/widgets/datetime.html",
        "django/forms/widgets/time.html",
        "django/forms/widgets/search.html",
        "django/forms/widgets/tel.html",
        "django/forms/widgets/color.html",
        "django/forms/widgets/hidden.html",
        _INPUT,
    },
    "textarea": {"django/forms/widgets/textarea.html"},
    "select": {"django/forms/widgets/select.html"},
    "checkbox": {"django/forms/widgets/checkbox.html"},
    "choices": {"django/forms/widgets/radio.html", "django/forms/widgets/checkbox_select.html"},
}
_FALLBACK_WIDGETS = (forms.FileInput, forms.MultiWidget, forms.SelectMultiple)


def _kind(widget) -> str | None:
    """Which of our renderings draws this widget, or None for crispy's."""
    if isinstance(widget, _FALLBACK_WIDGETS) and not isinstance(
        widget, forms.CheckboxSelectMultiple
    ):
        return None
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        kind = "choices"
    elif isinstance(widget, forms.Select):
        kind = "select"
    elif isinstance(widget, forms.CheckboxInput):
        kind = "checkbox"
    elif isinstance(widget, forms.Textarea):
        kind = "textarea"
    elif isinstance(widget, Input):
        kind = "input"
    else:
        return None
    return kind if widget.template_name in _TEMPLATES[kind] else None


def _text(value) -> str:
    """``{{ value|stringformat:'s' }}`` in an attribute: escaped unless already safe."""
    text = str(value)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html (and crispy's layout/attrs.html), in Python."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {escape(name)}")
        else:
            parts.append(f' {escape(name)}="{_text(value)}"')
    return "".join(parts)


def _unlocalized(value) -> str:
    """``{{ value|unlocalize }}`` in the page: escaped unless already safe."""
    return conditional_escape(formats.localize(value, use_l10n=False))


def _css_class(widget, extra: str) -> str:
    """The class crispy's ``{% crispy_field %}`` gives a widget: its own, its type's name, extra."""
    class_name = widget.__class__.__name__.lower()
    class_name = getattr(settings, "CRISPY_CLASS_CONVERTERS", {}).get(class_name, class_name)
    css_class = widget.attrs.get("class", "")
    if css_class:
        if css_class.find(class_name) == -1:
            css_class += f" {class_name}"
    else:
        css_class = class_name
    for name in extra.split():
        if name not in css_class.split():
            css_class += f" {name}"
    return css_class


def _widget_context(field: BoundField, widget, extra: dict | None = None) -> dict:
    """What ``field.as_widget()`` hands the widget's template, with crispy's class added."""
    if field.field.localize:
        widget.is_localized = True
    attrs = {**widget.attrs, **(extra or {})}
    attrs = field.build_widget_attrs(attrs, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    return widget.get_context(field.html_name, field.value(), attrs)["widget"]


def _widget_html(field: BoundField, kind: str, css: str) -> str:
    widget = field.field.widget
    context = _widget_context(field, widget, {"class": _css_class(widget, css)})
    attrs = _attrs(context["attrs"])
    name = escape(context["name"])
    if kind == "textarea":
        value = conditional_escape(context["value"]) if context["value"] else ""
        return f'<textarea name="{name}"{attrs}>\n{value}</textarea>'
    if kind == "select":
        html = [f'<select name="{name}"{attrs}>']
        for group_name, options, _index in context["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                html.append(
                    f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>"
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return "".join(html)
    # An <input>: text-like, hidden or a single checkbox.
    value = context["value"]
    shown = f' value="{_text(value)}"' if value is not None else ""
    return f'<input type="{escape(context["type"])}" name="{name}"{shown}{attrs}>'


def _errors_block(field: BoundField) -> str:
    """layout/field_errors_block.html."""
    if not field.errors:
        return ""
    auto_id = escape(field.auto_id)
    errors = "".join(
        f'<p id="error_{number}_{auto_id}"><strong>{conditional_escape(error)}</strong></p>'
        for number, error in enumerate(field.errors, start=1)
    )
    field_id = escape(field.errors.field_id)
    return f'<div id="{field_id}_error" class="invalid-feedback">{errors}</div>'


def _help_text(field: BoundField) -> str:
    """layout/help_text.html (not inline): the help text is the form's own, not escaped."""
    if not field.help_text:
        return ""
    id_attr = f'id="{escape(field.auto_id)}_helptext" ' if field.auto_id else ""
    return f'<div {id_attr}class="form-text">{field.help_text}</div>'


def _choices_html(field: BoundField) -> str:
    """layout/radio_checkbox_select.html: one form-check per option, the errors after the last."""
    widget = field.field.widget
    id_ = widget.attrs.get("id") or field.auto_id
    attrs = field.build_widget_attrs({"id": id_} if id_ else {})
    groups = widget.optgroups(field.html_name, widget.format_value(field.value()), attrs)
    invalid = " is-invalid" if field.errors else ""
    name = escape(field.html_name)
    html = ["<div >"]
    for group_number, (group, options, _index) in enumerate(groups, start=1):
        if group:
            html.append(f"<strong>{conditional_escape(group)}</strong>")
        for option_number, option in enumerate(options, start=1):
            html.append(
                f'<div class="form-check"><input type="{escape(option["type"])}" '
                f'class="form-check-input{invalid}"  name="{name}" '
                f'value="{_unlocalized(option["value"])}" {_attrs(option["attrs"])}>'
                f'<label for="{_text(option["attrs"].get("id", ""))}" class="form-check-label">'
                f"{_unlocalized(option['label'])}</label>"
            )
            if field.errors and option_number == len(options) and group_number == len(groups):
                html.append(_errors_block(field))
            html.append("</div>")
    html.append("</div>")
    html.append(_help_text(field))
    return "".join(html)


def field_html(field: BoundField) -> SafeString:
    """One field as ``{{ field|as_crispy_field }}`` draws it (bootstrap5, no helper)."""
    widget = field.field.widget
    kind = _kind(widget)
    if kind is None or getattr(field.form, "helper", None) is not None:
        from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

        return as_crispy_field(field)
    if field.is_hidden:
        return mark_safe(str(field))
    required = field.field.required
    required_class = " requiredField" if required else ""
    mark = '<span class="asteriskField">*</span>' if required else ""
    label = conditional_escape(field.label) if field.label else ""
    checkbox = kind == "checkbox"
    css_classes = field.css_classes()
    html = []
    if checkbox:
        html.append('<div class="mb-3">')
    wrapper = "form-check" if checkbox else "mb-3"
    if css_classes:
        wrapper += f" {css_classes}"
    html.append(f'<div id="div_{escape(field.auto_id)}" class="{wrapper}">')
    fieldset = field.use_fieldset
    if label and not checkbox:
        if fieldset:
            describedby = field.aria_describedby
            html.append(
                f'<fieldset aria-describedby="{escape(describedby)}">'
                if describedby
                else "<fieldset>"
            )
        tag = "legend" if fieldset else "label"
        id_for_label = field.id_for_label
        for_attr = f'for="{escape(id_for_label)}" ' if id_for_label else ""
        legend_class = " fs-6" if fieldset else ""
        html.append(
            f'<{tag} {for_attr}class="form-label{required_class}{legend_class}">'
            f"{label}{mark}</{tag}>"
        )
    if kind == "choices":
        html.append(_choices_html(field))
    elif checkbox:
        invalid = " is-invalid" if field.errors else ""
        html.append(_widget_html(field, kind, f"form-check-input{invalid}"))
        html.append(
            f'<label for="{escape(field.id_for_label)}" class="form-check-label{required_class}">'
            f"{label}{mark}</label>"
        )
        html.append(_errors_block(field) + _help_text(field))
    else:
        base = "form-select" if kind == "select" else "form-control"
        invalid = " is-invalid" if field.errors else ""
        html.append(_widget_html(field, kind, base + invalid))
        html.append(_errors_block(field) + _help_text(field))
    if fieldset and label:
        html.append("</fieldset>")
    html.append("</div>")
    if checkbox:
        html.append("</div>")
    return mark_safe("".join(html))


def form_html(form) -> SafeString:
    """A whole form as ``{{ form|crispy }}`` draws it: its own errors, then every field."""
    if getattr(form, "helper", None) is not None:
        from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form

        return as_crispy_form(form)
    html = []
    if form.non_field_errors():
        items = "".join(f"<li>{conditional_escape(e)}</li>" for e in form.non_field_errors())
        html.append(
            f'<div class="alert alert-block alert-danger"><ul class="m-0">{items}</ul></div>'
        )
    html.extend(field_html(field) for field in form)
    return mark_safe("".join(html))
