"""Login lockout through django-axes."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, tolerant of authenticate() calls made without a request.

    Every real login (login page, admin login) passes the request and is counted and locked out by axes.
    Only code running outside a request does not: Django's test client `login()` and management shells;
    axes would raise there, so we let those through to the next backend unchecked.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
