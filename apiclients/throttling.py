from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class ApiClientRateThrottle(SimpleRateThrottle):
    """Requests per API client (token), or per user for browser sessions; 429 with Retry-After beyond it.

    A client may carry its own rate (ApiClient.throttle_rate); others use DEFAULT_THROTTLE_RATES["api_client"].
    """

    scope = "api_client"

    def get_rate(self):
        # Read the configured rate (API_THROTTLE_RATE) now, not the copy DRF's class took at import time.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        client = getattr(request, "auth", None)
        own_rate = getattr(client, "throttle_rate", "")
        if own_rate:
            self.rate = own_rate
            self.num_requests, self.duration = self.parse_rate(own_rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        client = getattr(request, "auth", None)
        if client is not None and hasattr(client, "key_prefix"):
            ident = f"client-{client.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"anon-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
