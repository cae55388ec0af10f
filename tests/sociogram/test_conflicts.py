"""No lost update: a save from an out-of-date page never overwrites what a
colleague saved meanwhile (paper grid, pupil notes, reflection, seating plan)."""

from django.urls import reverse

from sociogram import services
from sociogram.models import Nomination, PupilNote, SeatingPlan, Sociogram


def url(name, cast, code):
    return reverse(f"sociogram:{name}", args=[cast.school.slug, code])


def _hidden(html: str, name: str) -> str:
    start = html.index(f'name="{name}"')
    value = html.index('value="', start) + len('value="')
    return html[value : html.index('"', value)]


# The paper grid ------------------------------------------------------------------


def test_an_old_paper_page_keeps_the_rows_a_colleague_saved(sociogram, pupils, login, cast):
    mees, sanne, yara = pupils["Mees"], pupils["Sanne"], pupils["Yara"]
    lars = login(cast.leraar)
    page = lars.get(url("paper", cast, sociogram.code)).content.decode()
    # Meanwhile the IB'er types in Sanne's questionnaire (1 = Mees).
    services.enter_on_paper(
        sociogram=sociogram, respondent=sanne, answers={"speel-graag": [mees.pk]}
    )
    # Lars saves his page, on which Sanne's row was (and stays) empty.
    data = {f"p{r.pk}-was": _hidden(page, f"p{r.pk}-was") for r in (mees, sanne, yara)}
    data[f"p{mees.pk}-speel-graag"] = "3"
    response = lars.post(url("paper", cast, sociogram.code), data)
    assert response.status_code == 302
    assert set(Nomination.objects.values_list("rater_id", "chosen_id")) == {
        (mees.pk, yara.pk),
        (sanne.pk, mees.pk),
    }


def test_a_row_both_changed_shows_both_versions_and_keeps_mine(sociogram, pupils, login, cast):
    mees, sanne = pupils["Mees"], pupils["Sanne"]
    lars = login(cast.leraar)
    page = lars.get(url("paper", cast, sociogram.code)).content.decode()
    was = _hidden(page, f"p{mees.pk}-was")
    services.enter_on_paper(
        sociogram=sociogram, respondent=mees, answers={"speel-graag": [sanne.pk]}
    )
    data = {f"p{mees.pk}-was": was, f"p{mees.pk}-speel-graag": "3"}
    response = lars.post(url("paper", cast, sociogram.code), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert 'id="conflict"' in html
    assert f'name="p{mees.pk}-speel-graag" id="p{mees.pk}-speel-graag" value="3"' in html
    assert "Hun versie: 2" in html  # 2 = Sanne
    assert list(Nomination.objects.values_list("chosen_id", flat=True)) == [sanne.pk]
    # Saving again is a choice for this version.
    data[f"p{mees.pk}-was"] = _hidden(html, f"p{mees.pk}-was")
    assert lars.post(url("paper", cast, sociogram.code), data).status_code == 302
    assert list(Nomination.objects.values_list("chosen_id", flat=True)) == [pupils["Yara"].pk]


# Pupil notes ---------------------------------------------------------------------


def test_an_old_notes_page_keeps_a_colleagues_note(sociogram, pupils, login, cast):
    notes = url("notes", cast, cast.group.code)
    mees, sanne = pupils["Mees"].pupil, pupils["Sanne"].pupil
    lars = login(cast.leraar)
    page = lars.get(notes).content.decode()
    services.save_note(group=cast.group, pupil=mees, flags=[], note="Van Ilse.", user=None)
    data = {}
    for pupil in (mees, sanne, pupils["Yara"].pupil):
        for field in ("version", "was"):
            data[f"l{pupil.pk}-{field}"] = _hidden(page, f"l{pupil.pk}-{field}")
        data[f"l{pupil.pk}-note"] = ""
    data[f"l{sanne.pk}-note"] = "Van Lars."
    assert lars.post(notes, data).status_code == 302
    assert dict(PupilNote.objects.values_list("pupil_id", "note")) == {
        mees.pk: "Van Ilse.",
        sanne.pk: "Van Lars.",
    }


def test_a_note_both_changed_shows_both_versions(sociogram, pupils, login, cast):
    notes = url("notes", cast, cast.group.code)
    mees = pupils["Mees"].pupil
    services.save_note(group=cast.group, pupil=mees, flags=[], note="Eerst.", user=None)
    lars = login(cast.leraar)
    page = lars.get(notes).content.decode()
    services.save_note(
        group=cast.group, pupil=mees, flags=["prosociaal"], note="Van Ilse.", user=cast.ib.user
    )
    prefix = f"l{mees.pk}"
    data = {
        f"{prefix}-version": _hidden(page, f"{prefix}-version"),
        f"{prefix}-was": _hidden(page, f"{prefix}-was"),
        f"{prefix}-note": "Van Lars.",
    }
    response = lars.post(notes, data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Hun versie (Ilse Intern)" in html and "Van Ilse." in html and "prosociaal" in html
    assert "Van Lars.</textarea>" in html
    assert PupilNote.objects.get().note == "Van Ilse."
    data[f"{prefix}-version"] = _hidden(html, f"{prefix}-version")
    data[f"{prefix}-was"] = _hidden(html, f"{prefix}-was")
    assert lars.post(notes, data).status_code == 302
    assert PupilNote.objects.get().note == "Van Lars."


# The reflection ------------------------------------------------------------------


def test_an_old_reflection_page_does_not_overwrite_a_colleague(sociogram, login, cast):
    lars = login(cast.leraar)
    page = lars.get(url("detail", cast, sociogram.code)).content.decode()
    version = _hidden(page, "version")
    services.save_reflection(
        sociogram=sociogram, data={"kansen": "Van Ilse."}, version=0, user=cast.ib.user
    )
    data = {"version": version, "kansen": "Van Lars.", "wanneer": "Na de herfst"}
    response = lars.post(url("reflection", cast, sociogram.code), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Ilse Intern heeft de reflectie en het plan intussen ook aangepast" in html
    assert "Van Ilse." in html and "Van Lars.</textarea>" in html and 'value="Na de herfst"' in html
    assert Sociogram.objects.get().reflection["kansen"] == "Van Ilse."
    data["version"] = _hidden(html, "version")
    assert lars.post(url("reflection", cast, sociogram.code), data).status_code == 302
    saved = Sociogram.objects.get().reflection
    assert saved["kansen"] == "Van Lars." and saved["plan"]["wanneer"] == "Na de herfst"


# Seating plan --------------------------------------------------------------------

LAYOUT = {"rows": "2", "cols": "2", "arrangement": "pairs", "seed": "1"}


def test_a_swap_from_an_old_page_is_not_done_on_a_colleagues_version(
    sociogram, pupils, login, cast
):
    lars = login(cast.leraar)
    lars.post(url("seating_generate", cast, sociogram.code), LAYOUT)
    first = SeatingPlan.objects.get()
    # Lars will swap the pupil on seat 0 with seat 3; Ilse first moves that
    # pupil to seat 1 (version 2) and Lars's page still shows version 1.
    seats = {int(seat): pid for seat, pid in first.seats.items()}
    seats[0], seats[1] = seats.get(1), seats[0]
    ilse = services.save_seating_plan(
        sociogram=sociogram,
        rows=2,
        cols=2,
        arrangement="pairs",
        seats={seat: pid for seat, pid in seats.items() if pid is not None},
        locked=[],
        seed=1,
        user=cast.ib.user,
        by_hand=True,
        based_on=1,
    )
    response = lars.post(
        url("seating_swap", cast, sociogram.code), {"van": "0", "naar": "3", "versie": "1"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Ilse Intern heeft intussen versie 2 opgeslagen" in html
    assert SeatingPlan.objects.count() == 2
    # The swap Lars chose waits in the lists: the pupil he picked now sits on seat 1.
    assert '<option value="1" selected>' in html
    assert '<option value="3" selected>' in html
    assert ilse.version == 2
