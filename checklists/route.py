"""The kernteam's route: which of our steps are done this school year.

The handreiking only names the stappenplan 'Werken aan welbevinden' and "het
samenstellen van een kernteam" (its section "Als kernteam aan de slag", quoted
on the page with its link); the seven steps, their names and descriptions are
ours, and the page says so. Pure data plus one function per step's test.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    text: str


STEPS = [
    Step(
        "kernteam",
        _("Kernteam samenstellen"),
        _("Een paar collega's die het werk aan welbevinden trekken, met iemand van de directie."),
    ),
    Step(
        "beginsituatie",
        _("Beginsituatie in kaart"),
        _(
            "Ieder kernteamlid vult de checklist Beginsituatie in; samen spreken jullie per punt "
            "af wat goed geregeld is, wat aandacht nodig heeft en wat prioriteit heeft."
        ),
    ),
    Step(
        "visie",
        _("Visie"),
        _(
            "Herijk of ontwikkel samen een visie op welbevinden en leren: ontdekken, dromen, "
            "organiseren, opleveren."
        ),
    ),
    Step("doelen", _("Doelen"), _("Maak van de prioriteiten concrete doelen.")),
    Step(
        "plan",
        _("Plan van aanpak"),
        _(
            "Per doel: wat, wie, wanneer, en hoe jullie het volgen. Kijk in de "
            "ondersteuningspiramide wat er al is."
        ),
    ),
    Step("uitvoeren", _("Uitvoeren"), _("Voer de acties uit en houd welbevinden op de agenda.")),
    Step(
        "terugkijken",
        _("Terugkijken en vooruitblikken"),
        _("Evalueer de doelen: wat hebben jullie geleerd, en wat is de volgende stap?"),
    ),
]


def done_steps(facts: dict) -> set[str]:
    """Which steps are done, from counts of this school year (pure)."""
    done = set()
    if facts["kernteam"] >= 2:
        done.add("kernteam")
    if facts["items"] and facts["agreed"] >= facts["items"]:
        done.add("beginsituatie")
    if facts["visie"]:
        done.add("visie")
    if facts["goals"]:
        done.add("doelen")
    if facts["goals_with_actions"] and facts["pyramid"]:
        done.add("plan")
    if facts["actions_done"]:
        done.add("uitvoeren")
    if facts["evaluated"]:
        done.add("terugkijken")
    return done


KERNTEAM_SECTION = "als-kernteam-aan-de-slag"


def handreiking_section(inleiding: dict) -> dict:
    """The handreiking's "Als kernteam aan de slag": its words and the stappenplan's link."""
    return next((s for s in inleiding.get("sections", []) if s["key"] == KERNTEAM_SECTION), {})
