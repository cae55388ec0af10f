"""The six cirkels van invloed, as the handreiking names and explains them.

The texts are quoted from the handreiking "Preventief werken aan
welbevinden" (Trimbos-instituut), section "Wat betekenen de cirkels?". Each
circle keeps one colour everywhere in the product: navigation, headings,
charts and PDFs, from deep water at the centre (the teacher, the stone in
the pond) to the light water of the context.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Circle:
    number: int
    key: str
    name: str
    meaning: str
    colour: str
    tint: str

    @property
    def anchor(self) -> str:
        return f"cirkel-{self.number}"


CIRCLES: tuple[Circle, ...] = (
    Circle(
        1,
        "welbevinden-leraar",
        _("Welbevinden leraar"),
        _(
            "Zorg dat je als leraar goed in je vel zit en weet welke rol je hebt ten aanzien van "
            "het welbevinden van jouw leerlingen. Zodat je daarmee je positieve invloed kan "
            "vergroten."
        ),
        "#0b5563",
        "#d3e9ec",
    ),
    Circle(
        2,
        "welbevinden-leerling",
        _("Welbevinden individuele leerling"),
        _(
            "Herken krachten en kansen in de sociaal-emotionele ontwikkeling en het welbevinden "
            "bij iedere leerling."
        ),
        "#0f6674",
        "#d6ecef",
    ),
    Circle(
        3,
        "groepsdynamiek",
        _("Groepsdynamiek in de klas"),
        _("Creëer een groep die een kansrijke en veilige omgeving vormt voor iedere leerling."),
        "#176087",
        "#dae9f2",
    ),
    Circle(
        4,
        "professionele-leeromgeving",
        _("Professionele leeromgeving (team)"),
        _(
            "Werk samen met het team aan een preventieve, proactieve en lerende houding. Blijf "
            "aandacht genereren voor het thema, blijf overleggen met elkaar en creëer een veilige "
            "sfeer in het team waar ruimte is om open te zijn naar elkaar."
        ),
        "#2a5a9b",
        "#dfe7f3",
    ),
    Circle(
        5,
        "schoolklimaat",
        _("Positief pedagogisch schoolklimaat"),
        _(
            "Laat aandacht voor welbevinden overal in terugkomen, gedragen door alle collega’s "
            "en leerlingen."
        ),
        "#4b5597",
        "#e4e5f2",
    ),
    Circle(
        6,
        "omgevingscontext",
        _("Omgevingscontext"),
        _(
            "Wijkkenmerken, sociale factoren, thuissituatie, zorgstructuur buiten de school, zoals "
            "bijvoorbeeld jongerenwerk (niet verder uitgewerkt in deze handreiking)."
        ),
        "#4f6473",
        "#e6ebee",
    ),
)


@dataclass(frozen=True)
class Ring:
    circle: Circle
    radius: int
    label_y: int


POND_SIZE = 400


def pond_rings() -> list[Ring]:
    """Concentric rings, outermost first so the inner ones are drawn on top."""
    centre = POND_SIZE // 2
    rings = []
    for circle in reversed(CIRCLES):
        radius = 40 + (circle.number - 1) * 31
        label_y = centre + 6 if circle.number == 1 else centre - radius + 22
        rings.append(Ring(circle, radius, label_y))
    return rings
