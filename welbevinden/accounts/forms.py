from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from welbevinden.accounts import throttling
from welbevinden.text import NameField

THROTTLED = "throttled"


class ThrottledFormMixin:
    @property
    def is_throttled(self) -> bool:
        return any(
            error.code == THROTTLED for errors in self.errors.as_data().values() for error in errors
        )


class LoginForm(ThrottledFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord horen niet bij elkaar. Let op hoofdletters in je "
            "wachtwoord."
        ),
        "inactive": _("Dit account is niet actief. Vraag de beheerder van je school om hulp."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mailadres")
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "type": "email"})

    def clean(self):
        # Beside axes' lock per (address, IP address): one password tried on
        # many addresses from one IP address locks that IP address.
        ip = throttling.client_ip(self.request)
        if throttling.LOGIN_PER_IP.exceeded(ip):
            raise forms.ValidationError(
                _(
                    "Er is vanaf dit netwerk te vaak verkeerd ingelogd. Probeer het over een "
                    "kwartier opnieuw."
                ),
                code=THROTTLED,
            )
        try:
            return super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login":
                throttling.LOGIN_PER_IP.hit(ip)
            raise


class ThrottledPasswordChangeForm(ThrottledFormMixin, PasswordChangeForm):
    """Wrong current passwords are counted per user and per IP address; past the limit
    the current password is not checked at all, so guessing it gets nowhere."""

    def __init__(self, user, *args, request, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.ip = throttling.client_ip(request)

    def clean_old_password(self):
        limits = (
            (throttling.PASSWORD_CHANGE_PER_USER, self.user.pk),
            (throttling.PASSWORD_CHANGE_PER_IP, self.ip),
        )
        if any(throttle.exceeded(key) for throttle, key in limits):
            raise forms.ValidationError(
                _(
                    "Je hebt te vaak een verkeerd huidig wachtwoord ingevuld. Probeer het over "
                    "een kwartier opnieuw, of vraag een nieuw wachtwoord aan met ‘Wachtwoord "
                    "vergeten?’."
                ),
                code=THROTTLED,
            )
        try:
            return super().clean_old_password()
        except forms.ValidationError:
            for throttle, key in limits:
                throttle.hit(key)
            raise


class NewAccountForm(forms.Form):
    """Name and password for someone who accepts an invitation."""

    full_name = NameField(label=_("Je naam"), max_length=150)
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 10 tekens en geen veelgebruikt wachtwoord."),
    )
    password2 = forms.CharField(
        label=_("Herhaal het wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif first:
            probe = get_user_model()(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
