"""Import pupils and groups from an EDEXML or CSV file: upload, preview, confirm."""

from datetime import timedelta

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from welbevinden.access import SchoolAccess, school_view
from welbevinden.schools import services
from welbevinden.schools.imports.csvfile import parse_csv
from welbevinden.schools.imports.edexml import parse_edexml
from welbevinden.schools.imports.forms import (
    AUTO,
    ColumnMappingForm,
    ConfirmImportForm,
    ImportUploadForm,
)
from welbevinden.schools.imports.plan import PlanChanged, apply_plan, make_plan
from welbevinden.schools.imports.records import (
    MAX_BYTES,
    ColumnsUnclear,
    ImportFile,
    ParseFailed,
)
from welbevinden.schools.models import PupilImport, Role, SchoolYear
from welbevinden.text import one_line

# A preview nobody confirmed is removed after this long.
STALE_AFTER = timedelta(days=1)


def looks_like_xml(data: bytes) -> bool:
    return data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<"


def _target_year(access: SchoolAccess, choice: str, parsed: ImportFile, allowed: set[str]) -> int:
    current = access.school.current_year()
    fallback = current.start_year if current else SchoolYear.start_year_for(timezone.localdate())
    file_start = parsed.school_year[:4]
    if choice != AUTO:
        if file_start and file_start != choice:
            parsed.warnings.append(
                _("Het bestand is voor schooljaar %(file)s; je importeert in %(chosen)s.")
                % {"file": parsed.school_year, "chosen": f"{choice}-{int(choice) + 1}"}
            )
        return int(choice)
    if file_start:
        if file_start in allowed:
            return int(file_start)
        parsed.warnings.append(
            _(
                "Het bestand is voor schooljaar %(file)s; dat schooljaar is er niet en is ook niet "
                "het volgende. We importeren in het huidige schooljaar; kies zelf een ander "
                "schooljaar als dat niet klopt."
            )
            % {"file": parsed.school_year}
        )
    return fallback


@school_view(Role.BEHEERDER)
@require_http_methods(["GET", "POST"])
def pupil_import(request, access: SchoolAccess):
    form = ImportUploadForm(request.POST or None, request.FILES or None, school=access.school)
    problems: list[str] = []
    mapping_form = None
    sample: list[list[str]] = []
    headers: list[str] = []
    missing_key = False
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        parsed = None
        if upload.size > MAX_BYTES:
            problems = [
                _("Het bestand is %(size)d MB; een leerlingbestand is hooguit %(max)d MB.")
                % {"size": upload.size // (1024 * 1024), "max": MAX_BYTES // (1024 * 1024)}
            ]
        else:
            data = upload.read()
            try:
                parsed = parse_edexml(data) if looks_like_xml(data) else _parse_csv(request, data)
            except ParseFailed as failure:
                problems = failure.problems
            except ColumnsUnclear as unclear:
                mapping_form = _mapping_form(request, unclear)
                sample, headers = unclear.sample, unclear.headers
                missing_key = unclear.missing_key
        if parsed is not None:
            allowed = {value for value, _label in form.fields["year"].choices}
            start_year = _target_year(access, form.cleaned_data["year"], parsed, allowed)
            PupilImport.objects.filter(
                school=access.school,
                applied_at__isnull=True,
                created_at__lt=timezone.now() - STALE_AFTER,
            ).delete()
            pupil_import = PupilImport.objects.create(
                school=access.school,
                kind=parsed.kind,
                file_name=one_line(upload.name)[:120],
                start_year=start_year,
                data=parsed.to_json(),
                created_by=request.user,
            )
            return redirect("schools:pupil_import_preview", access.school.slug, pupil_import.code)
    context = {
        "form": form,
        "problems": problems,
        "mapping_form": mapping_form,
        "sample": sample,
        "headers": headers,
        "missing_key": missing_key,
        "max_mb": MAX_BYTES // (1024 * 1024),
    }
    status = 400 if problems else 200
    return render(request, "schools/pupil_import.html", context, status=status)


def _parse_csv(request, data: bytes) -> ImportFile:
    """With the column choices of the mapping step, when they belong to this file."""
    try:
        return parse_csv(data)
    except ColumnsUnclear as unclear:
        posted = request.POST.get("headers")
        if posted is None or posted.split("\t") != unclear.headers:
            raise
        mapping = ColumnMappingForm(request.POST, headers=unclear.headers, guess=unclear.guess)
        if not mapping.is_valid():
            raise
        return parse_csv(data, mapping=mapping.mapping())


def _mapping_form(request, unclear: ColumnsUnclear) -> ColumnMappingForm:
    posted = request.POST.get("headers")
    if posted is not None and posted.split("\t") == unclear.headers:
        # The same file again with an incomplete choice: show what was chosen, with errors.
        form = ColumnMappingForm(request.POST, headers=unclear.headers, guess=unclear.guess)
        form.is_valid()
        return form
    return ColumnMappingForm(headers=unclear.headers, guess=unclear.guess)


@school_view(Role.BEHEERDER)
@require_http_methods(["GET", "POST"])
def pupil_import_preview(request, access: SchoolAccess, code):
    pupil_import = access.get(PupilImport, code)
    if pupil_import.applied_at:
        year = SchoolYear.objects.filter(
            school=access.school, start_year=pupil_import.start_year
        ).first()
        context = {"pupil_import": pupil_import, "year": year}
        return render(request, "schools/pupil_import_done.html", context)
    parsed = ImportFile.from_json(pupil_import.data)
    confirm = ConfirmImportForm(request.POST or None)
    if request.method == "POST" and confirm.is_valid():
        try:
            with transaction.atomic():
                plan = apply_plan(
                    school=access.school,
                    start_year=pupil_import.start_year,
                    file=parsed,
                    digest=confirm.cleaned_data["digest"],
                    archive_leavers=confirm.cleaned_data["archive_leavers"],
                    archive_left=confirm.cleaned_data["archive_left"],
                )
                year = SchoolYear.objects.get(
                    school=access.school, start_year=pupil_import.start_year
                )
                if confirm.cleaned_data["make_current"] and not year.is_current:
                    services.make_year_current(year=year)
                summary = plan.counts()
                summary["archived"] = (
                    len(plan.leaving) if confirm.cleaned_data["archive_leavers"] else 0
                ) + (len(plan.left) if confirm.cleaned_data["archive_left"] else 0)
                pupil_import.applied_at = timezone.now()
                pupil_import.summary = summary
                # The names and keys are in the pupils now; the import keeps only its counts.
                pupil_import.data = {}
                pupil_import.save(update_fields=["applied_at", "summary", "data"])
        except PlanChanged:
            messages.warning(
                request,
                _(
                    "Er is intussen iets veranderd in de leerlingen of groepen. Hieronder staat "
                    "het bijgewerkte voorbeeld; bekijk het en bevestig opnieuw."
                ),
            )
        else:
            # To what the import did (its summary), with the way on to the groups.
            return redirect("schools:pupil_import_preview", access.school.slug, pupil_import.code)
    plan = make_plan(school=access.school, start_year=pupil_import.start_year, file=parsed)
    context = {
        "pupil_import": pupil_import,
        "plan": plan,
        "warnings": parsed.warnings,
        "skipped": parsed.skipped,
        "digest": plan.digest(),
        "year_is_current": plan.year is not None and plan.year.is_current,
    }
    return render(request, "schools/pupil_import_preview.html", context)
