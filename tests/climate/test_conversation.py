from django.urls import reverse

from circles.climate.models import ClassAgreements, ClassConversation
from tests.reports.conftest import pdf_text


def _url(name, cast, *args):
    return reverse(f"climate:{name}", args=[cast.school.slug, cast.group.code, *args])


def test_a_teacher_records_a_class_conversation_with_the_handreikings_questions(login, cast):
    client = login(cast.leraar)
    page = client.get(_url("conversation_new", cast)).content.decode()
    assert '<q class="hr">Hoe vinden jullie de sfeer in de klas?</q>' in page
    response = client.post(
        _url("conversation_new", cast),
        {"day": "2026-10-05", "questions": ["sfeer", "trots"], "outcome": "Meer samen vieren."},
    )
    assert response.status_code == 302
    conversation = ClassConversation.objects.get()
    assert conversation.questions == ["sfeer", "trots"]
    log = login(cast.ib).get(_url("group_log", cast)).content.decode()
    assert "Meer samen vieren." in log
    assert "Wat zijn dingen waar je trots op bent?" in log


def test_an_empty_conversation_is_refused_with_a_message(login, cast):
    response = login(cast.leraar).post(_url("conversation_new", cast), {"day": "2026-10-05"})
    assert response.status_code == 200
    assert "Kies een vraag die jullie bespraken" in response.content.decode()
    assert not ClassConversation.objects.exists()


def test_only_the_groups_teachers_record_conversations_and_agreements(login, cast, other):
    for name in ("conversation_new", "agreements_edit"):
        for who in ("ib", "other_leraar", "kernteam"):
            assert login(getattr(cast, who)).get(_url(name, cast)).status_code == 403
        assert login(other.leraar).get(_url(name, cast)).status_code == 404


def test_agreements_are_kept_one_per_line_and_checked(login, cast):
    client = login(cast.leraar)
    too_many = "\n".join(f"Afspraak {n}" for n in range(16))
    response = client.post(_url("agreements_edit", cast), {"text": too_many})
    assert "ruimte voor 15 afspraken" in response.content.decode()
    assert "Afspraak 15" in response.content.decode()
    client.post(_url("agreements_edit", cast), {"text": "We luisteren.\n\n  We helpen.  "})
    assert ClassAgreements.objects.get(group=cast.group).lines == ["We luisteren.", "We helpen."]


def test_the_poster_prints_the_agreements_on_a4_and_a3(login, cast, other):
    ClassAgreements.objects.create(
        school=cast.school, group=cast.group, text="Wij-luisteren-naar-elkaar\nWe helpen."
    )
    client = login(cast.leraar)
    sizes = {}
    for size in ("a4", "a3"):
        url = reverse("reports:klassenafspraken", args=[cast.school.slug, cast.group.code, size])
        response = client.get(url)
        text = pdf_text(response)
        assert "Onze klassenafspraken" in text and "Wij-luisteren-naar-elkaar" in text
        assert "Groep 6b" in text or "GROEP 6B" in text
        sizes[size] = _page_width(response)
    assert round(sizes["a4"]) == 595 and round(sizes["a3"]) == 842
    url = reverse("reports:klassenafspraken", args=[cast.school.slug, cast.group.code, "a4"])
    assert login(cast.other_leraar).get(url).status_code == 403
    assert login(cast.ib).get(url).status_code == 200
    assert login(other.leraar).get(url).status_code == 404
    bad = reverse("reports:klassenafspraken", args=[cast.school.slug, cast.group.code, "a5"])
    assert login(cast.leraar).get(bad).status_code == 404


def test_without_agreements_the_poster_says_so(login, cast):
    url = reverse("reports:klassenafspraken", args=[cast.school.slug, cast.group.code, "a4"])
    response = login(cast.leraar).get(url)
    assert response.status_code == 422
    assert "nog geen klassenafspraken" in response.content.decode()


def _page_width(response) -> float:
    import io

    from pypdf import PdfReader

    return float(PdfReader(io.BytesIO(response.content)).pages[0].mediabox.width)
