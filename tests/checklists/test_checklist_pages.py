"""Filling in a checklist as a group, the consensus view, agreeing, roles and queries."""

from django.core.cache import caches
from django.urls import reverse

from checklists import services
from checklists.models import Agreement, ChecklistRound, Response
from welbevinden.schools.models import SchoolYear


def _url(cast, name, *args):
    return reverse(f"checklists:{name}", args=[cast.school.slug, *args])


def _answers(**chosen):
    return {f"{key}-answer": value for key, value in chosen.items()}


def _fill(client, cast, member, data, key="gedragsverwachtingen"):
    client.force_login(member.user)
    return client.post(_url(cast, "fill", key), data)


def test_each_member_answers_on_their_own(client, cast, kernteam):
    _fill(client, cast, kernteam[0], _answers(**{"hoe-weten": "goed"}))
    _fill(client, cast, kernteam[1], _answers(**{"hoe-weten": "prioriteit"}))
    round = ChecklistRound.objects.get(school=cast.school)
    assert round.checklist == "gedragsverwachtingen"
    assert Response.objects.filter(round=round).count() == 2
    # Each sees their own answers back, not another's.
    page = client.get(_url(cast, "fill", "gedragsverwachtingen")).content.decode()
    assert 'value="prioriteit" checked' in page
    assert 'value="goed" checked' not in page


def test_the_consensus_view_counts_answers_and_flags_disagreement_without_names(
    client, cast, kernteam
):
    for member, answer in zip(kernteam, ["goed", "goed", "prioriteit", "aandacht"], strict=True):
        _fill(
            client,
            cast,
            member,
            {**_answers(**{"hoe-weten": answer}), "hoe-weten-note": f"Notitie {answer}"},
        )
    client.force_login(cast.kernteam.user)
    page = client.get(_url(cast, "gedragsverwachtingen")).content.decode()
    row = page[page.index('id="item-hoe-weten"') :][:4000]
    assert 'class="disagree"' in page[page.index('id="item-hoe-weten"') - 40 :][:80]
    assert "niet over eens" in row
    assert row.count('data-count="2"') == 1 and row.count('data-count="1"') == 2
    assert "Notitie prioriteit" in row
    for member in kernteam[1:]:
        assert member.user.full_name not in page
    assert "4 kernteamleden vulden de checklist in" in page


def test_agreeing_records_the_answer_and_offers_a_goal_for_a_priority(client, cast, kernteam):
    _fill(client, cast, kernteam[0], _answers(**{"zichtbaar": "prioriteit"}))
    round = ChecklistRound.objects.get(school=cast.school)
    client.force_login(cast.kernteam.user)
    url = _url(cast, "agree", "gedragsverwachtingen", round.code)
    response = client.post(
        url, {"item": "zichtbaar", "answer": "prioriteit", "note": "Pictogrammen"}
    )
    assert response.status_code == 302
    agreed = Agreement.objects.get(round=round, item="zichtbaar")
    assert (agreed.answer, agreed.note) == ("prioriteit", "Pictogrammen")
    page = client.get(_url(cast, "gedragsverwachtingen")).content.decode()
    assert f"?ronde={round.code}&amp;item=zichtbaar" in page


def test_a_bad_answer_is_refused_in_dutch_and_the_note_is_kept(client, cast):
    response = _fill(
        client,
        cast,
        cast.kernteam,
        {"hoe-weten-answer": "misschien", "hoe-weten-note": "Mijn tekst"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mijn tekst" in page
    assert "kijk de gemarkeerde vragen na" in page
    assert not Response.objects.exists()


def test_an_agreement_without_an_answer_is_refused(client, cast, kernteam):
    _fill(client, cast, kernteam[0], _answers(**{"zichtbaar": "goed"}))
    round = ChecklistRound.objects.get()
    client.force_login(cast.kernteam.user)
    response = client.post(
        _url(cast, "agree", "gedragsverwachtingen", round.code),
        {"item": "zichtbaar", "answer": "", "note": "Bewaard"},
    )
    assert response.status_code == 400
    assert "Bewaard" in response.content.decode()


def test_last_years_agreed_answer_is_shown_beside_this_years(client, cast, kernteam):
    last = SchoolYear.objects.create(
        school=cast.school, start_year=cast.school.current_year().start_year - 1
    )
    old = services.round_of(school=cast.school, year=last, key="gedragsverwachtingen")
    services.save_agreement(round=old, item="hoe-weten", answer="prioriteit", note="", user=None)
    _fill(client, cast, kernteam[0], _answers(**{"hoe-weten": "goed"}))
    client.force_login(cast.kernteam.user)
    page = client.get(_url(cast, "gedragsverwachtingen")).content.decode()
    assert f'<th scope="col">{last}</th>' in page
    row = page[page.index('id="item-hoe-weten"') :]
    row = row[: row.index("</tr>")]
    # The last column is last year's agreed answer.
    assert 'answer-badge answer-prioriteit">Prioriteit' in row.split("<td>")[-1]


def test_directie_reads_but_does_not_fill_in(client, cast, kernteam):
    _fill(client, cast, kernteam[0], _answers(**{"hoe-weten": "goed"}))
    round = ChecklistRound.objects.get()
    client.force_login(cast.directie.user)
    assert client.get(_url(cast, "gedragsverwachtingen")).status_code == 200
    assert client.get(_url(cast, "pdf", "gedragsverwachtingen", round.code)).status_code == 200
    assert client.get(_url(cast, "fill", "gedragsverwachtingen")).status_code == 403
    assert (
        client.post(
            _url(cast, "agree", "gedragsverwachtingen", round.code),
            {"item": "hoe-weten", "answer": "goed"},
        ).status_code
        == 403
    )


def test_a_leraar_reads_the_results_but_does_not_fill_in(client, cast):
    client.force_login(cast.leraar.user)
    assert client.get(_url(cast, "index")).status_code == 200
    assert client.get(_url(cast, "checklist", "beginsituatie")).status_code == 200
    assert client.get(_url(cast, "fill", "beginsituatie")).status_code == 403
    assert client.post(_url(cast, "fill", "beginsituatie"), {}).status_code == 403


def test_the_route_is_the_kernteams_not_a_leraars(client, cast):
    client.force_login(cast.leraar.user)
    assert client.get(_url(cast, "route")).status_code == 403


def test_an_outsider_gets_404_and_an_unknown_checklist_is_404(client, cast, other):
    client.force_login(other.beheerder.user)
    assert client.get(_url(cast, "checklist", "beginsituatie")).status_code == 404
    client.force_login(cast.kernteam.user)
    assert client.get(_url(cast, "checklist", "bestaat-niet")).status_code == 404
    assert client.get(_url(cast, "fill", "bestaat-niet")).status_code == 404


def test_anonymous_is_sent_to_log_in(client, cast):
    response = client.get(_url(cast, "beginsituatie"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_the_consensus_view_costs_the_same_queries_for_more_members(
    client, cast, kernteam, django_assert_max_num_queries
):
    for member in kernteam:
        _fill(client, cast, member, _answers(warm="goed", beleid="prioriteit"), key="beginsituatie")
    client.force_login(cast.kernteam.user)
    url = _url(cast, "beginsituatie")
    client.get(url)
    caches["pages"].clear()  # what rendering the page costs, not serving it again
    with django_assert_max_num_queries(9):
        assert client.get(url).status_code == 200


def test_the_pdf_shows_the_spread_and_the_agreed_answer(client, cast, kernteam):
    from io import BytesIO

    from pypdf import PdfReader

    for member, answer in zip(kernteam, ["goed", "prioriteit", "goed", "goed"], strict=True):
        _fill(client, cast, member, _answers(**{"hoe-weten": answer}))
    round = ChecklistRound.objects.get()
    services.save_agreement(
        round=round, item="hoe-weten", answer="aandacht", note="Posters in de gang", user=None
    )
    client.force_login(cast.kernteam.user)
    response = client.get(_url(cast, "pdf", "gedragsverwachtingen", round.code))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Posters in de gang" in text
    assert "Goed geregeld: 3" in text and "Prioriteit: 1" in text
    assert "Niet eens" in text


def test_the_consensus_view_offers_to_adjust_only_ones_own_answers(client, cast, kernteam):
    _fill(client, cast, kernteam[0], _answers(warm="goed"), key="beginsituatie")
    client.force_login(kernteam[0].user)
    page = client.get(_url(cast, "beginsituatie")).content.decode()
    assert "Mijn antwoorden aanpassen" in page and "Zelf invullen" not in page
    client.force_login(kernteam[1].user)
    page = client.get(_url(cast, "beginsituatie")).content.decode()
    assert "Zelf invullen" in page and "Mijn antwoorden aanpassen" not in page


def test_the_agreement_page_shows_the_teams_spread_and_notes(client, cast, kernteam):
    for member, answer in zip(kernteam, ["goed", "goed", "prioriteit", "aandacht"], strict=True):
        _fill(
            client,
            cast,
            member,
            {**_answers(**{"hoe-weten": answer}), "hoe-weten-note": f"Notitie {answer}"},
        )
    round = ChecklistRound.objects.get()
    client.force_login(cast.kernteam.user)
    page = client.get(
        _url(cast, "agree", "gedragsverwachtingen", round.code) + "?item=hoe-weten"
    ).content.decode()
    assert page.count('data-count="2"') == 1 and page.count('data-count="1"') == 2
    assert "Notitie prioriteit" in page
    assert "niet over eens" in page
    for member in kernteam[1:]:
        assert member.user.full_name not in page


def test_the_disagreement_warning_goes_once_the_team_has_agreed(client, cast, kernteam):
    for member, answer in zip(kernteam, ["goed", "goed", "prioriteit", "aandacht"], strict=True):
        _fill(client, cast, member, _answers(**{"hoe-weten": answer}))
    round = ChecklistRound.objects.get()
    client.force_login(cast.kernteam.user)
    client.post(
        _url(cast, "agree", "gedragsverwachtingen", round.code),
        {"item": "hoe-weten", "answer": "aandacht", "note": ""},
    )
    page = client.get(_url(cast, "gedragsverwachtingen")).content.decode()
    row = page[page.index('id="item-hoe-weten"') :][:4000]
    assert "niet over eens" not in row
    # The spread itself stays: the team agreed, the answers were what they were.
    assert row.count('data-count="2"') == 1
    agree_page = client.get(
        _url(cast, "agree", "gedragsverwachtingen", round.code) + "?item=hoe-weten"
    ).content.decode()
    assert "niet over eens" not in agree_page
    assert "<title>Afspraak wijzigen" in agree_page
