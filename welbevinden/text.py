"""Names are one line.

A name is put into e-mails, page titles and PDFs. A line break in it would
let someone write a paragraph of their own into a mail the platform sends
(``Bevestig via https://…``); other control characters and the Unicode
direction overrides hide or reorder text. None of them belongs in a name.
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Cc: control characters (line feed, tab, escape …); Zl, Zp: Unicode line and
# paragraph separators.
_CONTROL_CATEGORIES = {"Cc", "Zl", "Zp"}
# Direction embeddings, overrides and isolates: they make text read otherwise
# than it is stored.
_DIRECTION_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_control(character: str) -> bool:
    return (
        unicodedata.category(character) in _CONTROL_CATEGORIES or character in _DIRECTION_CONTROLS
    )


def is_one_line(value: str) -> bool:
    return not any(_is_control(character) for character in value)


def validate_one_line(value: str) -> None:
    if not is_one_line(value):
        raise ValidationError(
            _("Een naam past op één regel: zonder regeleinden, tabs of andere onzichtbare tekens."),
            code="not_one_line",
        )


def one_line(value) -> str:
    """The text with every control character made a space, on one line."""
    text = "".join(" " if _is_control(character) else character for character in str(value))
    return " ".join(text.split())


class NameField(forms.CharField):
    """A form field for a name: one line (see ``validate_one_line``)."""

    default_validators = [validate_one_line]
