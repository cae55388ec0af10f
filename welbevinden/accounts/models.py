from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


def normalise_email(email: str) -> str:
    """E-mail addresses are compared case-insensitively everywhere."""
    return (email or "").strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email=normalise_email(username))

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalise_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with their e-mail address.

    What a user may see and do is decided per school by their Membership;
    the user itself carries no school and no role.
    """

    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=150)
    # The platform-wide block, for Django-admin staff only; a school ends a
    # member's access with Membership.is_active instead.
    is_active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_(
            "Uitzetten blokkeert het account op het hele platform. Scholen deactiveren "
            "leden zelf, per school."
        ),
    )
    is_staff = models.BooleanField(_("toegang tot Django-admin"), default=False)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    # Part of the session hash: raising it ends every open session of the
    # user without blocking the account (see end_sessions).
    session_epoch = models.PositiveIntegerField(_("sessie-teller"), default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = normalise_email(self.email)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    # Django logs a session out when the hash stored in it no longer matches
    # the user's. Its own hash covers the password only; ours adds the epoch,
    # so a school can end someone's sessions without touching is_active,
    # which is the platform-wide block and not a school's to set.
    def get_session_auth_hash(self):
        return self._session_auth_hash()

    def get_session_auth_fallback_hash(self):
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_auth_hash(secret=fallback_secret)

    def _session_auth_hash(self, secret=None) -> str:
        return salted_hmac(
            "welbevinden.accounts.User.get_session_auth_hash",
            f"{self.password}:{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def end_sessions(self) -> None:
        """Log the user out everywhere; they can log in again at once."""
        # F(): two schools ending sessions at the same moment both count.
        type(self).objects.filter(pk=self.pk).update(session_epoch=F("session_epoch") + 1)
        self.refresh_from_db(fields=["session_epoch"])
