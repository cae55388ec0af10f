import pytest

from circles.services import load_handreiking


@pytest.fixture(autouse=True)
def handreiking(db):
    """The content, loaded as the migration does (transactional tests flush it)."""
    load_handreiking()


@pytest.fixture
def school_handvatten_as_rounds(handreiking):
    """The checklist and teamagenda handvatten as plain handvatten again.

    Tests of the round engine use their school-scoped questions; since they
    lead into the checklists app (checklists/README.md), their rounds are
    read-only there.
    """
    from circles.models import Handvat

    for handvat in Handvat.objects.filter(key__in=["checklist", "teamagenda"]):
        handvat.content = {k: v for k, v in handvat.content.items() if k != "leads_to"}
        handvat.save(update_fields=["content"])


@pytest.fixture
def groepsklimaat_as_rounds(handreiking):
    """Groepsklimaat as a plain handvat again, without its climate log.

    Some tests exercise the round engine (scale, text, sentence, conflicts)
    on groepsklimaat's questions; since the handvat leads into the climate log,
    its rounds are read-only (tests/circles/test_module_rounds.py).
    """
    from circles.models import Handvat

    handvat = Handvat.objects.get(key="groepsklimaat")
    handvat.content = {k: v for k, v in handvat.content.items() if k != "leads_to"}
    handvat.save(update_fields=["content"])
