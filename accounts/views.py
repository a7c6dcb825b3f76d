from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters

# Per address asked for (stops flooding one mailbox) and, looser, per client address (stops one script trying
# many mailboxes). Not tight per client address alone: a whole dinas office shares one IP behind NAT.
RESET_LIMITS = {"email": 5, "client": 30}


def sso_context():
    """What the login page needs to offer single sign-on and the password-reset link (templates call this)."""
    return {"enabled": settings.OIDC_ENABLED, "email_enabled": settings.EMAIL_ENABLED}


def _count(key):
    cache.add(key, 0, 3600)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        return 1


def _reset_allowed(request, email):
    """Reset e-mails per hour within RESET_LIMITS, counted in the shared cache (Redis in production) so every
    app server counts together."""
    by_email = _count(f"password-reset:email:{email.strip().lower()}")
    by_client = _count(f"password-reset:client:{request.META.get('REMOTE_ADDR', '')}")
    return by_email <= RESET_LIMITS["email"] and by_client <= RESET_LIMITS["client"]


@method_decorator(sensitive_post_parameters("email"), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view (same answer whether or not the address has an account, so it reveals nobody),
    refusing politely when this installation has no e-mail server or the address asked too often."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "email_enabled": settings.EMAIL_ENABLED}

    def form_valid(self, form):
        if not settings.EMAIL_ENABLED:
            return self.form_invalid(form)
        if not _reset_allowed(self.request, form.cleaned_data["email"]):
            form.add_error(None, "throttled")
            return self.render_to_response(self.get_context_data(form=form, throttled=True))
        return super().form_valid(form)
