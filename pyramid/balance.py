"""The pyramid's balance: a pure function of its items (rules in README.md).

No Django here, so the rules are easy to read and to test. Every rule here is
ours, not the handreiking's, and the page says so. The handreiking describes
the layers (a sterke basis "voor alle studenten", "voor 80-90% van de
studenten is dit voldoende"; extra for 5-15 %, intensief for 1-5 %: shares of
pupils for whom a layer's offer is enough) and advises to "zakken in de
piramide"; it sets no counts or caps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FUNDAMENT, BASIS, EXTRA, INTENSIEF = "fundament", "basis", "extra", "intensief"
LAYERS = (FUNDAMENT, BASIS, EXTRA, INTENSIEF)
TOP = (EXTRA, INTENSIEF)

# Our rule: fewer items than this in the fundament is a thin fundament (the
# handreiking's examples alone — deskundigheidsbevordering, intervisie,
# reflectie, teamuitjes — are four).
THIN_FUNDAMENT = 3
# Our rule, borrowing the upper end of the handreiking's shares (5-15 %, 1-5 %,
# which say for how many pupils a layer is meant, not how far one offer may
# reach): a top item that reaches more pupils than that may be basis aanbod.
TOP_SHARE_MAX = {EXTRA: 15, INTENSIEF: 5}
# Our rule: a basis item that reaches less than half of the pupils is not aanbod for all.
BASIS_MIN_PERCENT = 50
MAX_CANDIDATES = 5


@dataclass(frozen=True)
class ItemFacts:
    key: str
    name: str
    layer: str
    reach_kind: str = ""  # "", "all", "number", "percent"
    reach_value: int | None = None
    has_owner: bool = False
    has_evidence: bool = False
    stopped: bool = False


@dataclass(frozen=True)
class Finding:
    code: str
    layer: str = ""
    items: tuple[ItemFacts, ...] = ()


@dataclass
class Diagnosis:
    counts: dict[str, int]
    findings: list[Finding] = field(default_factory=list)
    # Top items that could become basis aanbod ("zakken in de piramide").
    candidates: list[ItemFacts] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return [finding.code for finding in self.findings]

    @property
    def rules(self) -> dict:
        """Our thresholds, so the page can name them as ours."""
        return {
            "thin_fundament": THIN_FUNDAMENT,
            "extra_max": TOP_SHARE_MAX[EXTRA],
            "intensief_max": TOP_SHARE_MAX[INTENSIEF],
            "basis_min": BASIS_MIN_PERCENT,
        }

    @property
    def shape_ok(self) -> bool:
        return not any(code in SHAPE_CODES for code in self.codes)


SHAPE_CODES = {"empty", "fundament_empty", "fundament_thin", "layer_empty", "inverted", "top_heavy"}


def _reaches_beyond_layer(item: ItemFacts) -> bool:
    if item.reach_kind == "all":
        return True
    if item.reach_kind == "percent" and item.reach_value is not None:
        return item.reach_value > TOP_SHARE_MAX[item.layer]
    return False


def _narrow_basis(item: ItemFacts) -> bool:
    if item.reach_kind == "number":
        return True
    return (
        item.reach_kind == "percent"
        and item.reach_value is not None
        and item.reach_value < BASIS_MIN_PERCENT
    )


def diagnose(items: list[ItemFacts]) -> Diagnosis:
    active = [item for item in items if not item.stopped]
    per_layer = {layer: [i for i in active if i.layer == layer] for layer in LAYERS}
    counts = {layer: len(found) for layer, found in per_layer.items()}
    diagnosis = Diagnosis(counts=counts)
    add = diagnosis.findings.append
    if not active:
        add(Finding("empty"))
        return diagnosis

    if counts[FUNDAMENT] == 0:
        add(Finding("fundament_empty", FUNDAMENT))
    elif counts[FUNDAMENT] < THIN_FUNDAMENT:
        add(Finding("fundament_thin", FUNDAMENT))
    for layer in (BASIS, EXTRA, INTENSIEF):
        if counts[layer] == 0:
            add(Finding("layer_empty", layer))

    top = counts[EXTRA] + counts[INTENSIEF]
    if counts[INTENSIEF] > 0 and counts[INTENSIEF] >= counts[BASIS]:
        add(Finding("inverted"))
    elif top > counts[BASIS]:
        add(Finding("top_heavy"))

    wide = [i for layer in TOP for i in per_layer[layer] if _reaches_beyond_layer(i)]
    if wide:
        add(Finding("top_reaches_many", items=tuple(wide)))
    narrow = [i for i in per_layer[BASIS] if _narrow_basis(i)]
    if narrow:
        add(Finding("basis_narrow", BASIS, tuple(narrow)))

    if {"inverted", "top_heavy"} & set(diagnosis.codes) or wide:
        # Items that already reach many pupils first, then the extra layer's
        # (a group offer is closer to the basis than one for a single pupil).
        ranked = sorted(
            (i for layer in TOP for i in per_layer[layer]),
            key=lambda i: (not _reaches_beyond_layer(i), i.layer != EXTRA),
        )
        diagnosis.candidates = ranked[:MAX_CANDIDATES]

    without_owner = tuple(i for i in active if not i.has_owner)
    if without_owner:
        add(Finding("no_owner", items=without_owner))
    without_evidence = tuple(i for i in active if not i.has_evidence and i.layer != FUNDAMENT)
    if without_evidence:
        add(Finding("no_evidence", items=without_evidence))
    return diagnosis
