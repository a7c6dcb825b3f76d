"""Settings for Registri Sentra IKM, all from environment variables (one plain file, as in healthchecks).

Unset variables give a zero-setup development instance on SQLite; production sets DATABASE_URL,
SECRET_KEY, DEBUG=false and ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# The development key only ever works with DEBUG on; production must supply its own.
SECRET_KEY = os.environ.get("SECRET_KEY") or ("dev-only-insecure-key" if DEBUG else None)
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "core",
    "accounts",
    "apiclients",
    "regions",
    "commodities",
    "sentra",
    "ikm",
    "facilities",
    "funding",
    "reports",
    "imports",
    "evidence",
    "census",
    "geo",
    "web",
    "changes",  # issue 18: change feed, webhooks, open data
    "webhooks",
    "opendata",
    "demo",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "security",
    # Operations (issue 17): metrics, Redis task queue, single sign-on, readiness/housekeeping/notifications.
    "django_guid",
    "django_prometheus",
    "django_rq",
    "django_tasks_rq",
    "mozilla_django_oidc",
    "operations",
]

MIDDLEWARE = [
    # First: a request id (X-Request-ID from the proxy, or a new one) for every log line, and request metrics.
    "django_guid.middleware.guid_middleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "operations.middleware.AccessLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The UI language (Indonesian unless the user chose English; not the browser's): accounts/language.py.
    "accounts.language.UserLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.middleware.SessionIdleTimeoutMiddleware",
    "security.middleware.RequireOtpMiddleware",
    "security.middleware.DatabaseUnavailableMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page (HTTP 429).
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Background workers write while the web process reads: WAL and a busy timeout avoid "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    # Django's SQLite backend, except that a migration rebuilding a table keeps its triggers (core/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "core.sqlite"
    # Tests use an in-memory database, as with Django's own SQLite engine: said explicitly, because test runners
    # (pytest-django under xdist) recognise SQLite by the engine's dotted path and would otherwise derive a file
    # name from NAME.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Optional read replica (streaming standby): reports and dashboards read from it inside
# config.db_routers.read_from_replica(); every write and every other read stays on "default".
if os.environ.get("REPLICA_DATABASE_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["REPLICA_DATABASE_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests have no standby: read the test database
DATABASE_ROUTERS = ["config.db_routers.ReplicaRouter"]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": os.environ.get("FILE_STORAGE", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# S3-compatible object storage for uploads and exports when several servers share them (docs/scaling.md):
# FILE_STORAGE=storages.backends.s3.S3Storage after `pip install "django-storages[s3]"`; keys come from the
# standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None  # MinIO, Ceph RGW, a provider's S3 API
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
# Sessions in the database by default; with several app servers and REDIS_URL set, use
# SESSION_ENGINE=django.contrib.sessions.backends.cache (or .cached_db) to keep them in Redis.
SESSION_ENGINE = os.environ.get("SESSION_ENGINE", "django.contrib.sessions.backends.db")

TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Partner systems send `Authorization: Token <key>` (apiclients); browsers use their session.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apiclients.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["apiclients.throttling.ApiClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_client": os.environ.get("API_THROTTLE_RATE", "600/min")},
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    "DEFAULT_METADATA_CLASS": "core.api.metadata.RegistryMetadata",
}
# One request-body limit for the API (docs/api.md: 413 above it) and for Django's own check, which would
# otherwise refuse a smaller body first (2.5 MB by default) with an HTML 400.
API_MAX_BODY_BYTES = int(os.environ.get("API_MAX_BODY_BYTES", str(4 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = API_MAX_BODY_BYTES
SPECTACULAR_SETTINGS = {
    "TITLE": "Registri Sentra IKM API",
    "DESCRIPTION": "Sentra IKM, unit IKM, fasilitas, DAK Fisik Bidang IKM dan kinerja tahunan.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Separate request/response components: read-only fields stay out of request bodies.
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set shared by several fields (issue 18: the change feed and webhooks).
    "ENUM_NAME_OVERRIDES": {
        "ChangeEventEnum": "changes.representations.EVENTS",
        "ChangeResourceEnum": "changes.representations.RESOURCE_NAMES",
        "DeliveryStatusEnum": "webhooks.models.DeliveryStatus",
        "SentraStatusEnum": "sentra.models.SentraStatus",
        "CensusItemStateEnum": "census.models.ItemState",
        "RoomStateEnum": "facilities.models.RoomState",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.mark_response_required",
        "core.api.schema.tighten_field_schemas",
    ],
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY") else None
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 3600))

# --- Security (security/ app; see docs/operations.md) ---
# Lockout after repeated failed logins (django-axes): per username (stops guessing one account from many
# addresses), and per address + browser (stops one script spraying many usernames). Not per address alone:
# a whole dinas office shares one IP behind NAT and a few typos would lock everyone out.
AUTHENTICATION_BACKENDS = ["security.backends.LockoutBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", ["ip_address", "user_agent"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_IPWARE_PROXY_COUNT = 1 if env_bool("BEHIND_TLS_PROXY") else None
# Sessions end when the browser closes, after SESSION_IDLE_TIMEOUT seconds without a request, and at the
# latest SESSION_COOKIE_AGE after the last activity.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", 3600))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
OTP_TOTP_ISSUER = "Registri Sentra IKM"
# HTTPS hardening: on whenever DEBUG is off (production), overridable for a plain-HTTP test deployment.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]  # probes and scrapes talk to the app directly
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)  # only marks eligibility; submitting is a separate, manual step
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): only this site's own files; no inline script, no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Maps (geo app): the base layer is Indonesia's outline, drawn by the app. A deployment that may use a raster tile
# server sets its URL template (e.g. https://tiles.example.org/{z}/{x}/{y}.png) and attribution; the CSP then
# admits images from that host only. Unset: no request leaves the machine.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "").strip()
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "").strip()
if MAP_TILE_URL:
    from urllib.parse import urlsplit

    _tiles = urlsplit(MAP_TILE_URL)  # only the tile server's origin; a {s} subdomain placeholder becomes CSP's *.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc.replace('{s}', '*')}")
# Forms with coordinates ask this function for warnings (far from the kabupaten's records, at sea) before saving.
LOCATION_WARNINGS = "geo.checks.point_warnings"

# Bulk import limits (imports app): bigger files are refused with a message; files above the sync size are
# checked and saved by the background worker (manage.py db_worker) while the page shows progress.
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "100000"))
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
IMPORT_SYNC_MAX_BYTES = int(os.environ.get("IMPORT_SYNC_MAX_BYTES", str(256 * 1024)))

# Evidence files (evidence app: census visit photos): limits checked on the server whatever the phone did.
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", str(8 * 1024 * 1024)))
EVIDENCE_MAX_PIXELS = int(os.environ.get("EVIDENCE_MAX_PIXELS", "40000000"))
EVIDENCE_MAX_PER_RECORD = int(os.environ.get("EVIDENCE_MAX_PER_RECORD", "5"))

# Records not verified for this many days count as stale.
VERIFICATION_MAX_AGE_DAYS = int(os.environ.get("VERIFICATION_MAX_AGE_DAYS", "365"))

# Bounds on expensive requests (core/bounded.py, docs/scaling.md): PostgreSQL cancels a list, search or
# export statement after this long; a list's count gives up after LIST_COUNT_TIMEOUT_MS (the page is shown
# without it); one user runs at most EXPENSIVE_REQUESTS_PER_USER searches/exports at a time (429 beyond).
LIST_STATEMENT_TIMEOUT_MS = int(os.environ.get("LIST_STATEMENT_TIMEOUT_MS", "5000"))
LIST_COUNT_TIMEOUT_MS = int(os.environ.get("LIST_COUNT_TIMEOUT_MS", "300"))
EXPENSIVE_REQUESTS_PER_USER = int(os.environ.get("EXPENSIVE_REQUESTS_PER_USER", "2"))

# Reports: dashboard figures are cached this long per scope+filters (0 = off); exports with more rows
# than this run as background jobs instead of coming back in the request.
REPORTS_CACHE_SECONDS = int(os.environ.get("REPORTS_CACHE_SECONDS", "60"))
REPORTS_DIRECT_EXPORT_MAX_ROWS = int(os.environ.get("REPORTS_DIRECT_EXPORT_MAX_ROWS", "20000"))


# --- Operations (operations/ app, issue 17; docs/operations.md) ---
# Logs: one JSON object per line in production (LOG_FORMAT=text for people reading a terminal), each with the
# request id: X-Request-ID from the proxy (nginx sets it) or a new one; a background job's lines carry its task id.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
DJANGO_GUID = {"GUID_HEADER_NAME": "X-Request-ID", "VALIDATE_GUID": False, "UUID_LENGTH": 32}
ACCESS_LOG = env_bool("ACCESS_LOG", True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "django_guid.log_filters.CorrelationId", "correlation_id_field": "request_id"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # One line per request (method, path, status, duration, user) and per background task.
        "sentra.access": {"level": "INFO"},
        "operations": {"level": "INFO"},
        "django_tasks": {"level": "INFO"},
        # RQ adds its own coloured handler unless its logger already has one: keep its lines in JSON too.
        "rq.worker": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Readiness (/readyz): the worker records a heartbeat every WORKER_HEARTBEAT_SECONDS; older than
# WORKER_HEARTBEAT_MAX_AGE counts as gone. READYZ_REQUIRE_WORKER=false keeps a web-only node ready without one.
WORKER_HEARTBEAT_SECONDS = int(os.environ.get("WORKER_HEARTBEAT_SECONDS", "15"))
WORKER_HEARTBEAT_MAX_AGE = int(os.environ.get("WORKER_HEARTBEAT_MAX_AGE", "90"))
READYZ_REQUIRE_WORKER = env_bool("READYZ_REQUIRE_WORKER", True)
# Prometheus metrics at /metrics: only with `Authorization: Bearer <METRICS_TOKEN>` or from METRICS_ALLOWED_IPS.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", "127.0.0.1,::1")

# Redis task queue (TASKS_BACKEND=django_tasks_rq.RQBackend; worker: `manage.py run_worker`).
RQ_QUEUES = {"default": {"URL": os.environ.get("RQ_REDIS_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
                         "DEFAULT_TIMEOUT": int(os.environ.get("TASK_TIMEOUT_SECONDS", "3600"))}}
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    TASKS["default"]["QUEUES"] = ["default"]

# Housekeeping (`manage.py housekeeping`, daily by the systemd timer or the compose service): ages in days.
HOUSEKEEPING_IMPORT_FILES_DAYS = int(os.environ.get("HOUSEKEEPING_IMPORT_FILES_DAYS", "30"))
HOUSEKEEPING_IMPORT_ROWS_DAYS = int(os.environ.get("HOUSEKEEPING_IMPORT_ROWS_DAYS", "30"))
HOUSEKEEPING_EXPORT_FILES_DAYS = int(os.environ.get("HOUSEKEEPING_EXPORT_FILES_DAYS", "7"))
HOUSEKEEPING_TASK_RESULTS_DAYS = int(os.environ.get("HOUSEKEEPING_TASK_RESULTS_DAYS", "14"))
HOUSEKEEPING_WEBHOOK_DELIVERIES_DAYS = int(os.environ.get("HOUSEKEEPING_WEBHOOK_DELIVERIES_DAYS", "30"))

# Protected files (import uploads, exports, evidence) are checked by the app and sent by the proxy:
# with PROTECTED_FILES_ACCEL_PREFIX=/_protected/ the app answers X-Accel-Redirect (nginx `internal` location).
PROTECTED_FILES_ACCEL_PREFIX = os.environ.get("PROTECTED_FILES_ACCEL_PREFIX", "")

# E-mail: SMTP when EMAIL_HOST is set; the console in development. In production without EMAIL_HOST nothing is
# sent (a password reset link must never end up in a log) and the reset page says e-mail is not set up.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL and EMAIL_PORT == 587)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend" if DEBUG
    else "django.core.mail.backends.dummy.EmailBackend"
)
EMAIL_ENABLED = not EMAIL_BACKEND.endswith("dummy.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH")  # with EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Registri Sentra IKM <noreply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Links in e-mails sent by the worker (no request to take the host from), e.g. https://sentra.example.go.id
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", str(3 * 3600)))
# Background imports/exports that took at least this long send their owner an e-mail when they finish.
NOTIFY_JOB_MIN_SECONDS = int(os.environ.get("NOTIFY_JOB_MIN_SECONDS", "60"))

# TOTP second factor: every role may enrol at /akun/2fa/; these roles must (asked right after login).
TOTP_REQUIRED_ROLES = env_list("TOTP_REQUIRED_ROLES", "")

# Optional single sign-on through OpenID Connect (mozilla-django-oidc), on when OIDC_RP_CLIENT_ID is set.
# OIDC_ROLE_CLAIM / OIDC_REGION_CLAIM map the identity provider's claims to role and region on every login;
# left empty, a new SSO user waits inactive until an administrator gives them a role and region.
OIDC_ENABLED = bool(os.environ.get("OIDC_RP_CLIENT_ID"))
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")  # checked against the id_token's iss when set
OIDC_USE_PKCE = True
OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT", "10"))
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_ROLE_CLAIM = os.environ.get("OIDC_ROLE_CLAIM", "")
OIDC_REGION_CLAIM = os.environ.get("OIDC_REGION_CLAIM", "")
# Identity-provider role names -> registry roles, e.g. "sentra-admin:admin,kemenperin-analis:analyst".
OIDC_ROLE_MAP = dict(item.split(":", 1) for item in env_list("OIDC_ROLE_MAP", "admin:admin,analyst:analyst,province:province,district:district"))
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", True)
LOGIN_REDIRECT_URL_FAILURE = "/akun/masuk/?sso=gagal"
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "security.oidc.RegistryOidcBackend"]

# Error tracking: only when SENTRY_DSN is set (nothing is sent anywhere otherwise).
if os.environ.get("SENTRY_DSN"):
    from operations.sentry import init_sentry

    init_sentry(os.environ["SENTRY_DSN"], environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
                traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")))

# --- Partners (issue 18): change feed, webhooks and open data ---
# `manage.py prune_changes` removes change-feed rows older than this; a partner whose position is older is told
# to load again (410).
CHANGES_RETENTION_DAYS = int(os.environ.get("CHANGES_RETENTION_DAYS", "180"))
# Webhook deliveries are sent by the background worker: a request waits at most WEBHOOK_TIMEOUT_SECONDS; a
# failed one is retried after BASE x 2^(attempt-1) seconds (at most MAX) up to WEBHOOK_MAX_ATTEMPTS times.
WEBHOOK_TIMEOUT_SECONDS = int(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "10"))
WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "10"))
WEBHOOK_RETRY_BASE_SECONDS = int(os.environ.get("WEBHOOK_RETRY_BASE_SECONDS", "10"))
WEBHOOK_RETRY_MAX_SECONDS = int(os.environ.get("WEBHOOK_RETRY_MAX_SECONDS", "3600"))
WEBHOOK_POLL_SECONDS = int(os.environ.get("WEBHOOK_POLL_SECONDS", "5"))
# Receivers on private, loopback or link-local addresses (the server's own network) are refused unless this
# is on; it defaults to DEBUG so a developer can point a subscription at a receiver on 127.0.0.1.
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", DEBUG)
# Open data (/data/): aggregates without login. OPENDATA_ENABLED=false answers 404 everywhere under /data/.
# Counts below OPENDATA_MIN_CELL are hidden (and the cells that would give them away); figures are recomputed
# at most every OPENDATA_CACHE_SECONDS; each address may ask OPENDATA_RATE times.
OPENDATA_ENABLED = env_bool("OPENDATA_ENABLED", True)
OPENDATA_MIN_CELL = int(os.environ.get("OPENDATA_MIN_CELL", "3"))
OPENDATA_CACHE_SECONDS = int(os.environ.get("OPENDATA_CACHE_SECONDS", "900"))
OPENDATA_RATE = os.environ.get("OPENDATA_RATE", "120/min")
OPENDATA_PUBLISHER = os.environ.get("OPENDATA_PUBLISHER", "Direktorat Jenderal Industri Kecil, Menengah, dan Aneka, Kementerian Perindustrian")
OPENDATA_CONTACT_EMAIL = os.environ.get("OPENDATA_CONTACT_EMAIL", "")
