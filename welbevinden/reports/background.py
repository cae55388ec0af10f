"""Reports made outside the request, on the task queue (huey, ``settings.HUEY``).

A report that may take long registers a *kind* once: its name, its title, the
roles that may ask for it and a builder that turns a job's JSON-able
parameters into the PDF's bytes and file name. A view starts a job with
``start``; the worker (``manage.py run_huey``) runs ``execute``, which calls the
builder with a ``JobContext`` to report its progress on; the page polls the
job's row (``ReportJob``) and offers the download once it is done.

In immediate mode (``TASK_QUEUE=immediate``: development and the tests) the job
runs inside ``start``, so the same views and templates serve both.

Adding a kind (a board's report, say) takes a few lines::

    background.register(background.Kind(
        name="bestuursrapport", title=_("Bestuursrapport"), build=build_board_pdf,
        start_url=lambda job: reverse("boards:report_start", args=[job.scope[6:]]),
    ))

and views that look the job up in their own scope, then hand it to
``job_views.status_page`` / ``job_views.status_fragment`` / ``job_views.download``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connections
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from huey.contrib.djhuey import db_task, on_shutdown

from welbevinden.access import SchoolAccess
from welbevinden.reports.models import JobState, ReportJob, keep_for, stuck_after
from welbevinden.reports.service import ReportLimitExceeded
from welbevinden.schools.models import Membership, Role

logger = logging.getLogger(__name__)


class JobFailed(Exception):
    """A builder cannot make its report; ``message`` tells the asker why, in Dutch."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Built:
    pdf: bytes
    filename: str


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    build: Callable[[JobContext], Built]
    # For a school's report: who may ask for it, see its progress and download it
    # (checked again by the worker and at the download: a role taken away counts).
    roles: tuple[Role, ...] = ()
    # Where "Opnieuw maken" sends the job's parameters (a POST form), if anywhere.
    start_url: Callable[[ReportJob], str] | None = field(default=None, compare=False)


_kinds: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    if kind.name in _kinds and _kinds[kind.name] != kind:
        raise ValueError(f"A report kind named {kind.name!r} is registered already.")
    _kinds[kind.name] = kind
    return kind


def kinds() -> dict[str, Kind]:
    return dict(_kinds)


def kind_of(job: ReportJob) -> Kind | None:
    return _kinds.get(job.kind)


class JobContext:
    """What a builder gets: the job's parameters, who asked, and a way to say how far it is."""

    def __init__(self, job: ReportJob, kind: Kind):
        self.job = job
        self.kind = kind

    @property
    def params(self) -> dict:
        return self.job.params

    @property
    def user(self):
        return self.job.user

    def school_access(self) -> SchoolAccess:
        """The asker's access to the job's school as it is now, or JobFailed:
        a member who left, or lost the role, between the click and the run
        gets no report."""
        membership = (
            Membership.objects.select_related("school", "user")
            .filter(
                user_id=self.job.user_id,
                user__is_active=True,
                school_id=self.job.school_id,
                is_active=True,
            )
            .first()
        )
        if membership is None or (self.kind.roles and not membership.has_role(*self.kind.roles)):
            raise JobFailed(_("Je hebt geen toegang (meer) tot dit rapport."))
        return SchoolAccess(membership, (membership,))

    def progress(self, percent: int, step: str) -> None:
        """Record how far the job is (0–99; 100 is for done) and what it does now."""
        percent = max(0, min(99, int(percent)))
        step = str(step)[:200]
        if (percent, step) == (self.job.progress, self.job.step):
            return
        self.job.progress, self.job.step = percent, step
        ReportJob.objects.filter(pk=self.job.pk).update(progress=percent, step=step)


def start(*, kind: Kind, user, params: dict, school=None, scope: str = "") -> ReportJob:
    """A job for this report, queued (or, in immediate mode, already run).

    A second click while the same report for the same person is still being
    made leads to that job instead of queueing another.
    """
    now = timezone.now()
    pending = (
        ReportJob.objects.filter(
            kind=kind.name,
            user=user,
            school=school,
            scope=scope,
            state__in=(JobState.QUEUED, JobState.RUNNING),
            created_at__gt=now - stuck_after(),
        )
        .defer("pdf")
        .order_by("-created_at")
    )
    for job in pending:
        if job.params == params:
            return job
    job = ReportJob.objects.create(
        kind=kind.name,
        user=user,
        school=school,
        scope=scope,
        params=params,
        step=_("In de wachtrij"),
        created_at=now,
        expires_at=now + keep_for(),
    )
    try:
        run_job(job.pk)
    except Exception:
        # The queue cannot be reached (Redis down): the asker is told, in Dutch.
        logger.exception("Report job %s could not be queued", job.code)
        _fail(
            job,
            _("Het rapport kon niet worden klaargezet. Probeer het over een paar minuten opnieuw."),
        )
    job.refresh_from_db()
    return job


@db_task(name="report_job")
def run_job(job_id: int) -> None:
    execute(job_id)


@on_shutdown()
def close_connections() -> None:
    """A worker thread that stops closes its database connections, rather than
    leaving them open until the process ends (a database that is dropped or
    restarted then waits for no one)."""
    connections.close_all()


def execute(job_id: int) -> None:
    """Run one queued job: what the worker does. Every failure ends in a
    Dutch message on the job, never in an exception the asker would see."""
    claimed = ReportJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now(), progress=1, step=_("Begonnen")
    )
    if not claimed:
        return  # run already (a queue that delivered twice) or purged
    job = ReportJob.objects.select_related("user").defer("pdf").get(pk=job_id)
    kind = kind_of(job)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            if kind is None:
                raise JobFailed(_("Dit soort rapport bestaat niet (meer)."))
            built = kind.build(JobContext(job, kind))
        except (JobFailed, ReportLimitExceeded) as problem:
            _fail(job, problem.message)
        except Exception:
            logger.exception("Report job %s (%s) failed", job.code, job.kind)
            _fail(
                job,
                _(
                    "Het rapport kon door een fout niet worden gemaakt. Probeer het later "
                    "opnieuw; lukt het dan nog niet, meld het dan bij de beheerder."
                ),
            )
        else:
            ReportJob.objects.filter(pk=job.pk).update(
                state=JobState.DONE,
                progress=100,
                step=_("Klaar"),
                pdf=built.pdf,
                filename=built.filename,
                finished_at=timezone.now(),
            )


def _fail(job: ReportJob, message: str) -> None:
    ReportJob.objects.filter(pk=job.pk).update(
        state=JobState.FAILED, error=message, finished_at=timezone.now()
    )


def purge_expired(now=None) -> int:
    """Delete the jobs (and their PDFs) past their time, whatever their state."""
    deleted, _by_model = ReportJob.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted
