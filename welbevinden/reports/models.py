"""A report made in the background (``background.py``): who asked, for what, how far it is."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


class ReportJob(models.Model):
    """One request for a report, from the button to the download.

    The PDF is kept in the row itself rather than in the report cache: the
    worker and the app servers always share the database, while the report
    cache may be each process's own memory (``REPORT_CACHE=locmem``). The row
    goes, PDF and all, when it expires (``purge_report_jobs``, on the schedule).
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=60)
    # JSON-able parameters the report's builder reads (a school year's code, a period).
    params = models.JSONField(default=dict, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    # A school's report; a report over another scope (a board's) leaves it empty
    # and names its scope in ``scope`` ("board:<code>"), which its views look up by.
    school = models.ForeignKey(
        "schools.School", models.CASCADE, null=True, blank=True, related_name="+"
    )
    scope = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    # What the worker does now, in Dutch ("Secties verzamelen (3 van 8)").
    step = models.CharField(max_length=200, blank=True)
    # Why it failed, in Dutch, for the person who asked.
    error = models.TextField(blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    filename = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} {self.code}"

    @property
    def is_pending(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.RUNNING) and not self.is_stuck

    @property
    def is_stuck(self) -> bool:
        """Queued or running far longer than any report may take: the worker is
        gone (stopped, restarted mid-job) or not running at all."""
        if self.state not in (JobState.QUEUED, JobState.RUNNING):
            return False
        return timezone.now() - self.created_at > stuck_after()

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_done(self) -> bool:
        return self.state == JobState.DONE and not self.is_expired

    @property
    def is_failed(self) -> bool:
        return self.state == JobState.FAILED or self.is_stuck


def stuck_after() -> datetime.timedelta:
    # A report stops at REPORT_MAX_SECONDS; waiting in the queue behind others
    # may take a few times that.
    return datetime.timedelta(seconds=max(300, 10 * settings.REPORT_MAX_SECONDS))


def keep_for() -> datetime.timedelta:
    """How long a job and its PDF are kept: as long as a cached report (a day
    when the report cache is off), and at least an hour to download it in."""
    return datetime.timedelta(seconds=max(3600, settings.REPORT_CACHE_SECONDS or 24 * 3600))
