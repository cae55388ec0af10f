from django.conf import settings
from django.db import models


class FormToken(models.Model):
    """A create form that was sent once (``welbevinden.core.once``): a second send of the
    same form (a double click, a resent page) leads to what the first made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    token = models.UUIDField()
    # Where the first send led: the object it made. No content, only its address.
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="one_send_per_form_token"),
        ]

    def __str__(self):
        return f"{self.token}"
