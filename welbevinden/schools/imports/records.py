"""What the parsers hand over: only the data the app keeps, nothing else.

A parser reads a whole file into an ``ImportFile`` or raises ``ParseFailed``
with Dutch messages naming the line or element. It never touches the
database: the preview (``plan.py``) compares its result with the school.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from welbevinden.text import is_one_line

# A school of 1,500 pupils exports well under 2 MB of EDEXML; anything much
# larger is not a pupil list.
MAX_BYTES = 5 * 1024 * 1024
# The model's limits (Pupil.display_name, Pupil.lvs_number, Group.name).
MAX_KEY = 30
MAX_NAME = 80
MAX_GROUP = 60
# More problems than this are summarised: the first ones tell what is wrong.
MAX_PROBLEMS = 25
TEMPORARY_KEY_PREFIX = "#"


class ParseFailed(Exception):
    """The file cannot be imported; ``problems`` are Dutch sentences for the beheerder."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class ColumnsUnclear(Exception):
    """A CSV file whose columns the parser cannot name: the beheerder maps them."""

    def __init__(self, headers: list[str], sample: list[list[str]], guess: dict[str, int]):
        super().__init__("columns unclear")
        self.headers = headers
        self.sample = sample
        self.guess = guess


@dataclass
class ImportedPupil:
    key: str
    display_name: str
    group: str
    year_level: int | None = None

    @property
    def has_temporary_key(self) -> bool:
        return self.key.startswith(TEMPORARY_KEY_PREFIX)


@dataclass
class ImportFile:
    kind: str  # "edexml" or "csv"
    pupils: list[ImportedPupil]
    # Group name -> its jaargroep when the file says one (one number), else None.
    groups: dict[str, int | None]
    warnings: list[str] = field(default_factory=list)
    school_year: str = ""  # as the file says it, EDEXML only

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "pupils": [asdict(pupil) for pupil in self.pupils],
            "groups": self.groups,
            "warnings": self.warnings,
            "school_year": self.school_year,
        }

    @classmethod
    def from_json(cls, data: dict) -> ImportFile:
        return cls(
            kind=data["kind"],
            pupils=[ImportedPupil(**pupil) for pupil in data["pupils"]],
            groups=data["groups"],
            warnings=data["warnings"],
            school_year=data["school_year"],
        )


def display_name(roepnaam: str, achternaam: str) -> str:
    """Roepnaam and the first letter of the achternaam: "Sanne V."."""
    initial = achternaam.strip()[:1].upper()
    return f"{roepnaam.strip()} {initial}." if initial else roepnaam.strip()


def year_level(value: str) -> int | None:
    value = value.strip()
    if value.isdigit() and len(value) <= 2:
        return int(value)
    return None


class Collector:
    """Gathers pupils, checking the rules every format shares."""

    def __init__(self):
        self.pupils: list[ImportedPupil] = []
        self.problems: list[str] = []
        self.keys: dict[str, str] = {}

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def add(self, where: str, *, key: str, roepnaam: str, achternaam: str, group: str, level):
        key, roepnaam, achternaam, group = (
            key.strip(),
            roepnaam.strip(),
            achternaam.strip(),
            group.strip(),
        )
        for text in (key, roepnaam, achternaam, group):
            if not is_one_line(text):
                self.problem(where, _("er staan regeleinden, tabs of onzichtbare tekens in."))
                return
        if not key:
            self.problem(where, _("de leerling heeft geen leerlingnummer (sleutel)."))
        elif len(key) > MAX_KEY:
            self.problem(where, _("het leerlingnummer is langer dan %d tekens.") % MAX_KEY)
        elif key in self.keys:
            self.problem(
                where,
                _("leerlingnummer %(key)s komt twee keer voor (ook bij %(other)s).")
                % {"key": key, "other": self.keys[key]},
            )
        elif not roepnaam:
            self.problem(where, _("de roepnaam ontbreekt."))
        elif not group:
            self.problem(where, _("de leerling zit in geen enkele groep of klas."))
        elif len(group) > MAX_GROUP:
            self.problem(where, _("de groepsnaam is langer dan %d tekens.") % MAX_GROUP)
        else:
            name = display_name(roepnaam, achternaam)
            if len(name) > MAX_NAME:
                self.problem(where, _("de roepnaam is langer dan %d tekens.") % (MAX_NAME - 3))
                return
            self.keys[key] = where
            self.pupils.append(ImportedPupil(key, name, group, level))

    def raise_problems(self) -> None:
        if self.problems:
            shown = self.problems[:MAX_PROBLEMS]
            rest = len(self.problems) - len(shown)
            if rest:
                shown.append(_("en nog %d andere problemen.") % rest)
            raise ParseFailed(shown)
