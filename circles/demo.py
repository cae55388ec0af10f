"""Invented answers for the demo schools, in every circle.

Idempotent: a handvat that already has rounds for its owner is left alone.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from circles.models import Handvat, Partner, Round, SchoolContext
from circles.services import complete_round, save_answers, start_round
from welbevinden.schools.models import Group, Membership, School


def _fill(handvat_key, *, school, user, group=None, rounds):
    """Create the given rounds (answers, days ago finished or None) unless some exist."""
    handvat = Handvat.objects.get(key=handvat_key)
    owner = {"owner": user} if handvat.scope == "personal" else {}
    if handvat.scope == "group":
        owner = {"group": group}
    if Round.objects.filter(school=school, handvat=handvat, **owner).exists():
        return
    for answers, finished_days_ago in rounds:
        round = start_round(handvat=handvat, school=school, user=user, group=group)
        save_answers(round=round, answers=answers, version=round.version, user=user)
        if finished_days_ago is not None:
            complete_round(round=round)
            moment = timezone.now() - timedelta(days=finished_days_ago)
            Round.objects.filter(pk=round.pk).update(completed_at=moment, started_at=moment)


def _member(email, slug):
    return Membership.objects.select_related("user").get(user__email=email, school__slug=slug)


@transaction.atomic
def seed() -> None:
    kiezel = School.objects.get(slug="de-kiezel")
    rimpeling = School.objects.get(slug="de-rimpeling")
    joris = _member("joris@kiezel.example", "de-kiezel").user
    lotte = _member("lotte@kiezel.example", "de-kiezel").user
    ruud = _member("directie@kiezel.example", "de-kiezel").user
    daan = _member("daan@rimpeling.example", "de-rimpeling").user
    ahmed = _member("ahmed@kiezel.example", "de-kiezel").user
    eva = _member("eva@rimpeling.example", "de-rimpeling").user
    youssef = _member("youssef@rimpeling.example", "de-rimpeling").user
    groep_5 = Group.objects.get(school=kiezel, name="Groep 5", school_year__is_current=True)
    groep_3 = Group.objects.get(school=kiezel, name="Groep 3", school_year__is_current=True)
    klas_2b = Group.objects.get(school=rimpeling, name="2B", school_year__is_current=True)
    groep_7 = Group.objects.get(school=kiezel, name="Groep 7", school_year__is_current=True)
    klas_1a = Group.objects.get(school=rimpeling, name="1A", school_year__is_current=True)

    # Cirkel 1 — personal: two rounds of "Je bent je eigen instrument".
    _fill(
        "eigen-instrument",
        school=kiezel,
        user=joris,
        rounds=[
            (
                {
                    "goede-voorbeeld": "Ik ben op tijd en begroet iedereen bij de deur.",
                    "op-mijn-best": "Als ik uitgerust ben en de dag rustig begint.",
                    "nodig-van-collegas": "Even sparren na een lastige dag.",
                },
                120,
            ),
            (
                {
                    "goede-voorbeeld": "Op tijd zijn, iedereen begroeten, fouten toegeven.",
                    "op-mijn-best": "Na een wandeling in de pauze.",
                },
                None,
            ),
        ],
    )
    _fill(
        "ruimte-voor-ontspanning",
        school=kiezel,
        user=joris,
        rounds=[
            (
                {
                    "ideeen": {"selected": ["lachen", "naar-buiten"], "other": ""},
                    "nodig": "Een kwartier zonder scherm na de lunch.",
                    "plan": {
                        "wat": "In de middagpauze een rondje om de school lopen",
                        "wanneer": "elke dinsdag en donderdag",
                        "met_wie": "Lotte",
                    },
                },
                None,
            )
        ],
    )
    # Cirkel 2 — group work for Groep 5.
    _fill(
        "veilige-omgeving",
        school=kiezel,
        user=joris,
        group=groep_5,
        rounds=[
            (
                {
                    "principes": {
                        "principe-1": "doe-ik-al",
                        "principe-2": "doe-ik-al",
                        "principe-4": "wil-ik-oefenen",
                        "principe-5": "wil-ik-oefenen",
                    },
                    "boodschappen": {"selected": ["je-mag-er-zijn", "je-bent-sterk"], "other": ""},
                    "plan": {
                        "wat": "Elke ochtend bij de deur elk kind bij naam begroeten",
                        "wanneer": "vanaf maandag, elke schooldag",
                        "met_wie": "de onderwijsassistent",
                    },
                },
                30,
            )
        ],
    )
    # Cirkel 3 — group climate in Groep 3 and in 2B.
    _fill(
        "groepsklimaat",
        school=kiezel,
        user=lotte,
        group=groep_3,
        rounds=[
            (
                {
                    "klimaat": "overwegend-positief",
                    "momenten": "De kring op maandag en het vrijdagspel.",
                    "voldoende": "meer-tijd",
                    "proactief": "allebei",
                    "kan-ik-goed": "samen afspraken maken",
                    "vind-ik-lastiger": "stille kinderen te betrekken",
                },
                14,
            )
        ],
    )
    _fill(
        "groepsklimaat",
        school=rimpeling,
        user=daan,
        group=klas_2b,
        rounds=[({"klimaat": "moeizaam", "momenten": "Het mentoruur op dinsdag."}, None)],
    )
    # Cirkel 4 — the kernteam's agenda, and a personal Schijf van Zeven.
    _fill(
        "teamagenda",
        school=kiezel,
        user=ruud,
        rounds=[
            (
                {
                    "doelen-school": "Elk kind heeft een volwassene bij wie het terecht kan.",
                    "evalueren": "In de studiedag van februari.",
                    "plan": {
                        "wat": "Welbevinden als vast eerste punt op de teamvergadering",
                        "wanneer": "vanaf januari",
                        "met_wie": "het kernteam",
                    },
                },
                None,
            )
        ],
    )
    _fill(
        "schijf-van-zeven",
        school=kiezel,
        user=joris,
        rounds=[
            (
                {
                    "tijd": {
                        "focus": 4,
                        "spel": 2,
                        "verbinding": 4,
                        "fysiek": 3,
                        "reflectie": 2,
                        "down": 2,
                        "slaap": 3,
                    },
                    "tevreden": "Over de tijd met vrienden.",
                },
                10,
            )
        ],
    )
    # Cirkel 5 — the starting checklist.
    _fill(
        "checklist",
        school=kiezel,
        user=ruud,
        rounds=[
            (
                {
                    "gaat-goed": "De sfeer op het plein en de gouden weken.",
                    "meer-aandacht": "Overdracht tussen groepen.",
                    "prioriteit": "Een gedeelde visie op welbevinden.",
                },
                60,
            )
        ],
    )
    # Cirkel 6 — surroundings and partners (invented organisations).
    SchoolContext.objects.get_or_create(
        school=kiezel,
        defaults={
            "description": "Een wijk met veel jonge gezinnen en een nieuwe buurtbibliotheek.",
        },
    )
    for name, kind, role in (
        ("Wijkteam De Kiezelbuurt", "wijkteam", "schoolmaatschappelijk werker"),
        ("GGD (regio)", "ggd", "jeugdverpleegkundige"),
        ("Jongerenwerk Buurtplein", "jongerenwerk", "jongerenwerker"),
    ):
        Partner.objects.get_or_create(
            school=kiezel, name=name, defaults={"kind": kind, "contact_role": role}
        )
    _seed_more(
        kiezel=kiezel,
        rimpeling=rimpeling,
        people={"joris": joris, "lotte": lotte, "ruud": ruud, "ahmed": ahmed},
        more={"daan": daan, "eva": eva, "youssef": youssef},
        groups={"groep_3": groep_3, "groep_5": groep_5, "groep_7": groep_7},
        klassen={"klas_1a": klas_1a, "klas_2b": klas_2b},
    )


def _seed_more(*, kiezel, rimpeling, people, more, groups, klassen):
    """More group and school work, so each report of the demo has something to show."""
    _fill(
        "ken-je-leerlingen",
        school=kiezel,
        user=people["joris"],
        group=groups["groep_5"],
        rounds=[
            (
                {
                    "gespreksvragen": {
                        "selected": ["goed-in", "lachen-en-blij", "niet-lekker-in-je-vel"],
                        "other": "Wie is je maatje in de klas?",
                    },
                    "plan": {
                        "wat": "Met elk kind een kort gesprek van vijf minuten",
                        "wanneer": "voor de kerstvakantie",
                        "met_wie": "elk kind apart, tijdens het zelfstandig werken",
                    },
                },
                None,
            )
        ],
    )
    _fill(
        "sociaal-emotioneel-leren",
        school=kiezel,
        user=people["lotte"],
        group=groups["groep_3"],
        rounds=[
            (
                {
                    "aanpak": {
                        "oog-voor-elke-leerling": "doe-ik-al",
                        "emoties-en-gevoelens": "doe-ik-al",
                        "gevoelens-van-een-ander": "wil-ik-oefenen",
                        "alledaags-probleem": "wil-ik-oefenen",
                    },
                    "plan": {
                        "wat": "Een gevoelensmuur in de klas met de kaarten van de methode",
                        "wanneer": "na de herfstvakantie",
                        "met_wie": "de kinderen van groep 3",
                    },
                },
                45,
            )
        ],
    )
    _fill(
        "stress-leerlingen",
        school=kiezel,
        user=people["ahmed"],
        group=groups["groep_7"],
        rounds=[
            (
                {
                    "aanpak": {
                        "ontspanning": "wil-ik-oefenen",
                        "bewegen": "doe-ik-al",
                        "plannen": "wil-ik-oefenen",
                        "nachtrust": "wil-ik-oefenen",
                    },
                    "plan": {
                        "wat": "Een weekplanning leren maken voor de spreekbeurt",
                        "wanneer": "in december",
                        "met_wie": "de ouders, op de ouderavond",
                    },
                },
                None,
            )
        ],
    )
    _fill(
        "visie",
        school=kiezel,
        user=people["ruud"],
        rounds=[
            (
                {
                    "visie": (
                        "Kinderen leren het best als ze zich veilig en gezien voelen. "
                        "Welbevinden is daarom geen extra vak, maar hoort bij elke les."
                    ),
                    "plan": {
                        "wat": "De visie op één A4 voor ouders en nieuwe collega's",
                        "wanneer": "voor de open dag in maart",
                        "met_wie": "de directie en twee ouders uit de MR",
                    },
                },
                90,
            )
        ],
    )
    _fill(
        "sociale-veiligheid",
        school=kiezel,
        user=people["ruud"],
        rounds=[
            (
                {
                    "uitkomsten": (
                        "De meeste leerlingen voelen zich veilig; op het plein en bij de "
                        "fietsenstalling minder."
                    ),
                    "acties": (
                        "Meer toezicht bij de fietsenstalling en pleinspelen in de grote pauze."
                    ),
                    "plan": {
                        "wat": "Een rooster voor het pleintoezicht met vaste plekken",
                        "wanneer": "vanaf januari",
                        "met_wie": "het kernteam en de overblijfouders",
                    },
                },
                20,
            )
        ],
    )
    _fill(
        "medeverantwoordelijk",
        school=rimpeling,
        user=more["youssef"],
        group=klassen["klas_2b"],
        rounds=[
            (
                {
                    "stabiele-persoonlijkheden": (
                        "Leerlingen die rustig blijven als het onrustig wordt."
                    ),
                    "rol-geven": "Maatje zijn voor een nieuwe leerling in de eerste weken.",
                    "klasvragen": {"selected": ["sfeer", "trots", "meningsverschil"], "other": ""},
                    "opbrengst": "De klas wil minder gedoe in de groepsapp en meer samen doen.",
                    "plan": {
                        "wat": "Afspraken over de groepsapp samen met de klas opstellen",
                        "wanneer": "in het mentoruur van week 50",
                        "met_wie": "Daan (mentor) en de klassenvertegenwoordigers",
                    },
                },
                20,
            )
        ],
    )
    _fill(
        "ken-je-leerlingen",
        school=rimpeling,
        user=more["eva"],
        group=klassen["klas_1a"],
        rounds=[
            (
                {
                    "gespreksvragen": {
                        "selected": ["belangrijk-om-te-weten", "energie", "de-klas"],
                        "other": "",
                    },
                    "plan": {
                        "wat": "Mentorgesprekjes met iedere brugklasser",
                        "wanneer": "voor de eerste rapportvergadering",
                        "met_wie": "de leerling alleen",
                    },
                },
                40,
            )
        ],
    )
    _fill(
        "rol-leraar",
        school=rimpeling,
        user=more["eva"],
        group=klassen["klas_1a"],
        rounds=[
            (
                {
                    "tips": {"onderdeel-van-groep": "doe-ik-al", "in-gesprek": "wil-ik-oefenen"},
                    "aantekeningen": "Na de introductieweek merk ik dat de klas mij opzoekt.",
                },
                None,
            )
        ],
    )
    _fill(
        "visie",
        school=rimpeling,
        user=more["daan"],
        rounds=[
            (
                {
                    "visie": "Wie zich thuis voelt op school, durft te leren en fouten te maken.",
                    "plan": {
                        "wat": "De visie bespreken in de sectievergaderingen",
                        "wanneer": "in het tweede kwartaal",
                        "met_wie": "de sectievoorzitters",
                    },
                },
                75,
            )
        ],
    )
    _fill(
        "checklist",
        school=rimpeling,
        user=more["daan"],
        rounds=[
            (
                {
                    "gaat-goed": "Het mentoraat in de onderbouw.",
                    "meer-aandacht": "Welbevinden in de bovenbouw en de examenstress.",
                    "prioriteit": "Een vast aanspreekpunt per leerjaar.",
                },
                35,
            )
        ],
    )
    SchoolContext.objects.get_or_create(
        school=rimpeling,
        defaults={
            "description": (
                "Een school aan de rand van de stad; veel leerlingen komen met de bus uit de "
                "omliggende dorpen."
            ),
        },
    )
    for name, kind, role in (
        ("Jeugdteam Rimpeldorp", "wijkteam", "jeugdconsulent"),
        ("GGD (regio)", "ggd", "jeugdarts"),
    ):
        Partner.objects.get_or_create(
            school=rimpeling, name=name, defaults={"kind": kind, "contact_role": role}
        )
