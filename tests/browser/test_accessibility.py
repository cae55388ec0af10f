"""axe-core on the main pages: any serious or critical violation fails."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


def _blocking_violations(page):
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_login_page_has_no_serious_violations(page, live_server, transactional_db, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/account/inloggen/")
    assert _blocking_violations(page) == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_home_page_has_no_serious_violations(demo, log_in, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in("joris@kiezel.example")
    assert page.url.endswith("/s/de-kiezel/")
    assert _blocking_violations(page) == []


@pytest.mark.parametrize("path", ["beheer/leden/", "beheer/groepen/", "beheer/leerlingen/"])
def test_beheer_pages_have_no_serious_violations(demo, log_in, page, live_server, path):
    log_in("beheer@kiezel.example")
    page.goto(f"{live_server.url}/s/de-kiezel/{path}")
    assert _blocking_violations(page) == []


@pytest.mark.parametrize("path", ["cirkels/3/", "mijn-handvatten/", "handvatten/schijf-van-zeven/"])
def test_circle_pages_have_no_serious_violations(demo, log_in, page, live_server, path):
    from circles.services import load_handreiking

    load_handreiking()
    log_in("joris@kiezel.example")
    page.goto(f"{live_server.url}/s/de-kiezel/{path}")
    assert _blocking_violations(page) == []


def test_a_round_form_has_no_serious_violations(demo, log_in, page, live_server):
    from circles.services import load_handreiking

    load_handreiking()
    log_in("joris@kiezel.example")
    for key in ("schijf-van-zeven", "veilige-omgeving"):
        page.goto(f"{live_server.url}/s/de-kiezel/handvatten/{key}/")
        button = page.get_by_role("button", name="Begin met dit handvat")
        if button.count():
            button.click()
        else:
            page.get_by_role("link", name="Verder invullen").click()
        assert "/rondes/" in page.url
        assert _blocking_violations(page) == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_climate_log_pages_have_no_serious_violations(demo, log_in, page, live_server, width):
    from circles.climate.demo import seed_conversation, seed_thermometer
    from circles.services import load_handreiking
    from welbevinden.schools.models import Group

    load_handreiking()
    seed_conversation()
    seed_thermometer()
    group = Group.objects.get(school__slug="de-kiezel", name="Groep 5")
    page.set_viewport_size({"width": width, "height": 900})
    log_in("joris@kiezel.example")
    base = f"{live_server.url}/s/de-kiezel/klimaat/groepen/{group.code}/"
    for path in ("", "nieuw/", "klassengesprek/", "thermometer/", "thermometer/klas/"):
        page.goto(base + path)
        assert _blocking_violations(page) == [], path


def test_the_ib_climate_overview_has_no_serious_violations(demo, log_in, page, live_server):
    from circles.services import load_handreiking

    load_handreiking()
    log_in("noor.hendriks@bestuur.example")
    page.goto(f"{live_server.url}/s/de-kiezel/klimaat/overzicht/")
    assert _blocking_violations(page) == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_pyramid_page_and_its_item_form_have_no_serious_violations(
    demo, log_in, page, live_server, width
):
    from circles import demo as circles_demo
    from circles.services import load_handreiking
    from pyramid import demo as pyramid_demo

    load_handreiking()
    circles_demo.seed()
    pyramid_demo.seed()
    page.set_viewport_size({"width": width, "height": 900})
    log_in("daan@rimpeling.example")
    page.goto(f"{live_server.url}/s/de-rimpeling/piramide/")
    assert _blocking_violations(page) == []
    page.get_by_role("link", name="Wijzigen Mentorlessen welbevinden").click()
    assert "/aanbod/" in page.url
    assert _blocking_violations(page) == []


def test_the_sociogram_pages_have_no_serious_violations(demo, log_in, page, live_server):
    from circles.services import load_handreiking
    from sociogram import demo as sociogram_demo
    from sociogram import services
    from sociogram.models import Sociogram

    load_handreiking()
    sociogram_demo.seed()
    sociogram = Sociogram.objects.get(group__name="Groep 5")
    log_in("joris@kiezel.example")
    base = f"{live_server.url}/s/de-kiezel/sociogram/{sociogram.code}/"
    for path in ("", "papier/", "groepsindeling/"):
        page.goto(base + path)
        assert _blocking_violations(page) == [], path
    page.get_by_role("button", name="Groepsindeling maken").click()
    assert _blocking_violations(page) == []
    page.goto(f"{live_server.url}/s/de-kiezel/sociogram/groepen/{sociogram.group.code}/notities/")
    assert _blocking_violations(page) == []
    services.open_afname(sociogram)
    code = sociogram.respondents.exclude(answer_code=None).first().answer_code
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(f"{live_server.url}/leerling/")
    assert _blocking_violations(page) == []
    # The QR code's link fills the code in; only the pupil's tap tries it.
    page.goto(f"{live_server.url}/leerling/?code={code}")
    page.get_by_role("button", name="Beginnen").click()
    page.wait_for_url("**/leerling/vraag/**")
    assert _blocking_violations(page) == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_checklist_agenda_route_and_check_in_pages_have_no_serious_violations(
    demo, log_in, page, live_server, width
):
    from checklists import demo as checklists_demo
    from checklists import services
    from circles import demo as circles_demo
    from circles.services import load_handreiking
    from welbevinden.schools.models import School

    load_handreiking()
    circles_demo.seed()
    checklists_demo.seed()
    check_in = services.start_check_in(
        school=School.objects.get(slug="de-kiezel"), meeting="Team", prompt="emoji", user=None
    )
    page.set_viewport_size({"width": width, "height": 900})
    log_in("joris@kiezel.example")
    base = f"{live_server.url}/s/de-kiezel/"
    for path in (
        "checklists/beginsituatie/",
        "checklists/beginsituatie/invullen/",
        "teamagenda/",
        "kernteam/",
        "check-in/",
        f"check-in/{check_in.code}/",
        f"c/{check_in.short}/",
    ):
        page.goto(base + path)
        assert _blocking_violations(page) == [], path


def test_a_report_being_made_in_the_background_has_no_serious_violations(
    demo, log_in, page, live_server
):
    import datetime

    from django.utils import timezone

    from welbevinden.accounts.models import User
    from welbevinden.reports.models import JobState, ReportJob
    from welbevinden.schools.models import School

    user = User.objects.get(email="joris@kiezel.example")
    now = timezone.now()
    job = ReportJob.objects.create(
        kind="kernteamrapport",
        user=user,
        school=School.objects.get(slug="de-kiezel"),
        state=JobState.RUNNING,
        progress=62,
        step="PDF opmaken: pagina 4",
        expires_at=now + datetime.timedelta(days=1),
    )
    log_in("joris@kiezel.example")
    page.goto(f"{live_server.url}/s/de-kiezel/rapporten/taken/{job.code}/")
    assert "62%" in page.content()
    assert _blocking_violations(page) == []
