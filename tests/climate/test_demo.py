"""The demo's climate log holds only what the log's own form would accept."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict

from circles.climate.forms import ClassConversationForm, EntryForm
from circles.climate.models import ClassConversation, Entry


@pytest.fixture(autouse=True)
def _development(settings):
    settings.DEBUG = True  # seed_demo is for development, as `make run` sets it


def test_every_demo_climate_note_passes_the_forms_own_validation(db):
    call_command("seed_demo", stdout=StringIO())
    entries = list(Entry.objects.all())
    assert entries
    for entry in entries:
        form = EntryForm(model_to_dict(entry, fields=EntryForm._meta.fields), instance=entry)
        assert form.is_valid(), (entry.group.name, entry.day, form.errors)


def test_every_demo_class_conversation_passes_the_forms_own_validation(db):
    call_command("seed_demo", stdout=StringIO())
    for conversation in ClassConversation.objects.all():
        data = model_to_dict(conversation, fields=ClassConversationForm._meta.fields)
        form = ClassConversationForm(data, instance=conversation)
        assert form.is_valid(), form.errors
