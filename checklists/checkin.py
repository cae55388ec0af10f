"""The check-in's answer options and what the projected page may show. Pure Python.

The prompts are the handreiking's (cirkel 4, handvat check-in); the weather
pictures and emoji to choose from, and their order from good to bad, are ours.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from welbevinden.suppression import suppress_tally


@dataclass(frozen=True)
class Option:
    key: str
    icon: str  # a Bootstrap Icons name: the same picture on every phone and projector
    label: str
    score: int  # 5 good … 1 bad, for the trend over meetings


OPTIONS = {
    "weerbericht": [
        Option("zon", "sun", _("Zonnig"), 5),
        Option("zon-wolk", "cloud-sun", _("Zon en wolken"), 4),
        Option("bewolkt", "cloud", _("Bewolkt"), 3),
        Option("regen", "cloud-rain", _("Regen"), 2),
        Option("onweer", "cloud-lightning-rain", _("Onweer"), 1),
    ],
    "emoji": [
        Option("blij", "emoji-laughing", _("Blij"), 5),
        Option("goed", "emoji-smile", _("Goed"), 4),
        Option("gewoon", "emoji-neutral", _("Gewoon"), 3),
        Option("twijfel", "emoji-frown", _("Twijfel"), 2),
        Option("moe", "emoji-tear", _("Moe of op"), 1),
    ],
}


def prompt_options(prompt: str) -> list[Option]:
    return OPTIONS.get(prompt, [])


@dataclass(frozen=True)
class Result:
    total: int
    shown: bool  # False: fewer than the minimum answered, nothing but the count is shown
    rows: list[tuple[Option, int | None]]  # choice prompts: per option a count, None hidden
    words: list[str]  # open prompts: the answers, sorted, without counts
    average: float | None  # choice prompts: mean score, only when no count is hidden
    hidden: bool = False  # choice prompts: a count was too small, so no count is shown
    open: bool = False  # the check-in still takes answers, so only the count is shown


def result(prompt: str, tallies: dict[str, int], minimum: int, *, closed: bool) -> Result:
    """What the projected page shows: never who answered what, and nothing at all
    of the answers below ``minimum`` answers (the product's privacy rule).

    While the check-in is open, only the number of answers: the page updates
    with every answer, so two looks one answer apart would give that answer
    away (differencing). The distribution comes once nobody can answer any more."""
    total = sum(tallies.values())
    if not closed:
        return Result(total, False, [], [], None, open=True)
    if total < minimum:
        return Result(total, False, [], [], None)
    options = prompt_options(prompt)
    if options:
        counts = {o.key: tallies.get(o.key, 0) for o in options}
        # All or nothing, and a mean only of what is shown: with five answers a mean
        # over hidden counts gives them away (welbevinden/suppression.py).
        shown = suppress_tally(counts, minimum)
        rows = [(o, shown.cells[o.key]) for o in options]
        mean = shown.mean({o.key: o.score for o in options})
        average = None if mean is None else round(mean, 1)
        return Result(total, True, rows, [], average, shown.any_hidden)
    return Result(total, True, [], sorted(tallies), None)
