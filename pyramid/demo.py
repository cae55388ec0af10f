"""Demo pyramids (invented): De Kiezel (po) balanced, De Rimpeling (vo) inverted.

The vo school's pyramid has "veel in het topje, weinig in de basis", as in the
handreiking's example, so the balance diagnosis has something to say.
"""

from __future__ import annotations

from django.db import transaction

from circles.models import Partner
from pyramid import services
from pyramid.models import Pyramid
from welbevinden.schools.models import Membership, School

# name, layer, circles, target group, reach (kind, value), frequency, owner, evidence, status
KIEZEL = [
    (
        "Intervisie in leerteams",
        "fundament",
        [1, 4],
        "het team",
        ("", None),
        "elke zes weken",
        "m:ib",
        "praktijk",
        "loopt",
    ),
    (
        "Studiedag pedagogisch klimaat",
        "fundament",
        [4],
        "het team",
        ("", None),
        "twee keer per jaar",
        "m:directie",
        "onderbouwd",
        "loopt",
    ),
    (
        "Collegiale consultatie",
        "fundament",
        [1, 4],
        "leerkrachten",
        ("", None),
        "per periode",
        "m:joris",
        "praktijk",
        "loopt",
    ),
    (
        "Teamuitje in september",
        "fundament",
        [1],
        "het team",
        ("", None),
        "jaarlijks",
        "m:directie",
        "",
        "gepland",
    ),
    (
        "Kanjertraining in alle groepen",
        "basis",
        [2, 3],
        "alle leerlingen",
        ("all", None),
        "wekelijks",
        "m:ib",
        "erkend",
        "loopt",
    ),
    (
        "Dagstart met check-in",
        "basis",
        [2, 3],
        "alle groepen",
        ("all", None),
        "dagelijks",
        "m:joris",
        "praktijk",
        "loopt",
    ),
    (
        "Groepsvormingsweken na de zomer",
        "basis",
        [3],
        "alle groepen",
        ("all", None),
        "jaarlijks",
        "m:ib",
        "onderbouwd",
        "loopt",
    ),
    (
        "Gezonde School-vignet welbevinden",
        "basis",
        [5],
        "alle leerlingen",
        ("all", None),
        "doorlopend",
        "m:directie",
        "erkend",
        "loopt",
    ),
    (
        "Buitenspelen met spelbegeleiding",
        "basis",
        [2, 5],
        "groep 3 t/m 8",
        ("percent", 85),
        "dagelijks",
        "",
        "praktijk",
        "loopt",
    ),
    (
        "Sociale vaardigheidstraining in kleine groep",
        "extra",
        [2],
        "leerlingen met signalen uit het LVS",
        ("number", 8),
        "tien weken",
        "m:ib",
        "erkend",
        "loopt",
    ),
    (
        "Weerbaarheidstraining",
        "extra",
        [2],
        "groep 7 en 8",
        ("percent", 10),
        "voorjaar",
        "p:Wijkteam De Kiezelbuurt",
        "onderbouwd",
        "gepland",
    ),
    (
        "Schoolmaatschappelijk werk",
        "intensief",
        [2, 6],
        "enkele leerlingen en ouders",
        ("number", 4),
        "op afspraak",
        "p:Wijkteam De Kiezelbuurt",
        "praktijk",
        "loopt",
    ),
]

RIMPELING = [
    (
        "Teamdag over werkdruk",
        "fundament",
        [1, 4],
        "het team",
        ("", None),
        "jaarlijks",
        "m:directie",
        "",
        "gepland",
    ),
    (
        "Mentorlessen welbevinden",
        "basis",
        [2, 3],
        "klas 1",
        ("percent", 30),
        "om de week",
        "m:daan",
        "",
        "loopt",
    ),
    (
        "Faalangstreductietraining",
        "extra",
        [2],
        "leerlingen met faalangst",
        ("number", 12),
        "acht weken",
        "m:ib",
        "erkend",
        "loopt",
    ),
    (
        "Examenvreesgroep",
        "extra",
        [2],
        "examenleerlingen",
        ("number", 10),
        "voorjaar",
        "",
        "",
        "loopt",
    ),
    (
        "Rots en Water in kleine groep",
        "extra",
        [2, 3],
        "klas 1 en 2",
        ("percent", 40),
        "tien weken",
        "m:ib",
        "erkend",
        "loopt",
    ),
    (
        "Zorgadviesteam",
        "intensief",
        [2, 6],
        "enkele leerlingen",
        ("number", 15),
        "maandelijks",
        "m:ib",
        "",
        "loopt",
    ),
    (
        "Jeugdarts-spreekuur",
        "intensief",
        [2, 6],
        "leerlingen met veel verzuim",
        ("number", 6),
        "wekelijks",
        "p:GGD (regio)",
        "",
        "loopt",
    ),
    (
        "Begeleiding door jeugdconsulent",
        "intensief",
        [6],
        "enkele leerlingen",
        ("number", 5),
        "op afspraak",
        "p:Jeugdteam Rimpeldorp",
        "",
        "loopt",
    ),
    (
        "Time-outvoorziening",
        "intensief",
        [2, 5],
        "enkele leerlingen",
        ("number", 8),
        "dagelijks",
        "",
        "",
        "loopt",
    ),
    (
        "Individuele coaching door de zorgcoördinator",
        "intensief",
        [2],
        "enkele leerlingen",
        ("number", 10),
        "wekelijks",
        "m:ib",
        "praktijk",
        "loopt",
    ),
]

NOTES = {
    "de-kiezel": {
        "fundament": {
            "compleet-team": "Ja; één vacature voor groep 4 is sinds oktober vervuld.",
            "visie": "Onze visie ‘samen sterk in de klas’ is in 2024 met het team herschreven.",
        },
        "basis": {"pedagogische-visie": "Ja, de Kanjerafspraken gelden in alle groepen."},
    },
    "de-rimpeling": {
        "basis": {
            "mentoraat": "Wisselend per afdeling; in de bovenbouw minder tijd voor mentoruren."
        },
        "intensief": {
            "externe-partners": (
                "Vooral via het zorgadviesteam; de lijnen met het jeugdteam zijn lang."
            )
        },
    },
}

PEOPLE = {
    "de-kiezel": {
        "ib": "noor.hendriks@bestuur.example",
        "directie": "directie@kiezel.example",
        "joris": "joris@kiezel.example",
    },
    "de-rimpeling": {
        "ib": "noor.hendriks@bestuur.example",
        "directie": "directie@rimpeling.example",
        "daan": "daan@rimpeling.example",
    },
}


def _owner(school, spec: str) -> dict:
    if not spec:
        return {"owner_member": None, "owner_partner": None}
    kind, name = spec.split(":", 1)
    if kind == "p":
        return {
            "owner_member": None,
            "owner_partner": Partner.objects.get(school=school, name=name),
        }
    email = PEOPLE[school.slug][name]
    member = Membership.objects.get(school=school, user__email=email)
    return {"owner_member": member, "owner_partner": None}


@transaction.atomic
def seed() -> None:
    for slug, items in (("de-kiezel", KIEZEL), ("de-rimpeling", RIMPELING)):
        school = School.objects.get(slug=slug)
        year = school.current_year()
        kernteam = Membership.objects.filter(school=school, is_kernteam=True).first()
        user = kernteam.user if kernteam else None
        pyramid = Pyramid.objects.filter(school=school, school_year=year).first()
        if pyramid is not None:
            continue  # seeding twice changes nothing
        pyramid = services.start_pyramid(school=school, year=year, user=user)
        for name, layer, circles, target, (
            kind,
            value,
        ), frequency, owner, evidence, status in items:
            services.add_item(
                pyramid=pyramid,
                user=user,
                data={
                    "name": name,
                    "layer": layer,
                    "circles": circles,
                    "target_group": target,
                    "reach_kind": kind,
                    "reach_value": value,
                    "frequency": frequency,
                    "evidence": evidence,
                    "status": status,
                    **_owner(school, owner),
                },
            )
        for layer, answers in NOTES.get(slug, {}).items():
            services.save_notes(pyramid=pyramid, layer=layer, answers=answers, version=0, user=user)
