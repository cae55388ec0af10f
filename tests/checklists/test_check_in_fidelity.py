"""Issue 22: the check-in keeps the handreiking's prompts and werkvorm; its scores read as ours."""

from django.urls import reverse

from checklists import services
from tests.checklists.test_check_in import _answer, _team


def _url(cast, name, *args):
    return reverse(f"checklists:{name}", args=[cast.school.slug, *args])


def test_the_lachen_prompt_can_be_started_and_is_quoted_on_the_projected_page(client, cast):
    client.force_login(cast.leraar.user)
    response = client.post(
        _url(cast, "check_in_start"), {"meeting": "Studiedag", "prompt": "lachen"}
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "wat heeft je vandaag aan het lachen gemaakt?" in page


def test_the_start_page_quotes_the_handvat_with_the_stress_werkvorm_and_marks_the_scores_ours(
    client, cast
):
    client.force_login(cast.leraar.user)
    page = client.get(_url(cast, "check_ins")).content.decode()
    assert "Het kan ook interessant zijn om als team eens met elkaar stil te staan" in page
    assert "CopingBasic-PHALGfebr22.pdf" in page
    assert "— uit de handreiking" in page
    assert "kun je hier alleen een woord typen, niet tekenen" in page
    assert "zijn van ons, niet van de handreiking" in page


def test_the_word_prompt_says_drawing_is_not_possible_here(client, cast):
    check_in = services.start_check_in(
        school=cast.school, meeting="Team", prompt="een-woord-beeld", user=cast.kernteam.user
    )
    client.force_login(cast.leraar.user)
    page = client.get(_url(cast, "answer", check_in.short)).content.decode()
    assert "Tekenen kan hier niet: typ één woord." in page


def test_the_projected_mean_says_the_scale_is_ours(client, settings, cast):
    settings.MIN_GROUP_SIZE = 2
    check_in = services.start_check_in(
        school=cast.school, meeting="Team", prompt="weerbericht", user=cast.kernteam.user
    )
    for member in _team(cast, 2):
        _answer(client, cast, check_in, member, "zon")
    services.close_check_in(check_in=check_in)
    client.force_login(cast.kernteam.user)
    live = client.get(_url(cast, "live", check_in.code)).content.decode()
    assert "op onze schaal van 1 tot 5 (niet uit de handreiking)" in live
