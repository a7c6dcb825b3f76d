"""Optional error tracking: settings call init_sentry() only when SENTRY_DSN is set."""


def init_sentry(dsn, *, environment="production", traces_sample_rate=0.0):
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    # No personal data (user names, addresses, cookies) leaves the ministry's servers with an error report.
    sentry_sdk.init(
        dsn=dsn, environment=environment, traces_sample_rate=traces_sample_rate, send_default_pii=False,
        integrations=[DjangoIntegration()],
    )
    return sentry_sdk.get_client()
