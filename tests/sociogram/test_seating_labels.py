"""The seating plan never labels a child from a missing answer (issue 21)."""

from django.urls import reverse

from sociogram import selectors, services
from sociogram.models import SeatingPlan


def _url(name, cast, sociogram):
    return reverse(f"sociogram:{name}", args=[cast.school.slug, sociogram.code])


def _only_mees_answers(sociogram, pupils):
    services.enter_on_paper(
        sociogram=sociogram,
        respondent=pupils["Mees"],
        answers={"speel-graag": [pupils["Sanne"].pk]},
    )


def test_a_pupil_who_did_not_answer_is_not_called_socially_weaker(sociogram, pupils):
    _only_mees_answers(sociogram, pupils)
    respondents = selectors.respondents_of(sociogram)
    result = services.run_analysis(sociogram, respondents, selectors.nominations_of(sociogram))
    by_id = {
        p.id: p
        for p in services.seating_pupils(result, selectors.notes_of(sociogram.group), respondents)
    }
    yara = by_id[str(pupils["Yara"].pk)]
    assert not yara.took_part
    assert not yara.weak  # nobody chose her, but two of three did not answer


def test_the_plan_says_what_it_could_not_take_into_account(cast, sociogram, pupils, login):
    _only_mees_answers(sociogram, pupils)
    client = login(cast.leraar)
    client.post(
        _url("seating_generate", cast, sociogram),
        {"rows": "2", "cols": "2", "arrangement": "pairs", "seed": "1"},
    )
    plan = SeatingPlan.objects.get()
    page = client.get(_url("seating", cast, sociogram) + f"?versie={plan.version}").content.decode()
    assert "sociaal zwakker)" not in page
    assert "2 leerlingen deden niet mee; voor hen kon het plan geen keuzes gebruiken." in page
    assert "Deed niet mee; het plan had geen keuzes van deze leerling om te gebruiken." in page
    pdf = client.get(_url("seating_pdf", cast, sociogram) + f"?versie={plan.version}")
    from io import BytesIO

    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "deden niet mee" in text and "sociaal zwakker)" not in text
