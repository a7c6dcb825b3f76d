# syntax=docker/dockerfile:1
# Registri Sentra IKM: one image for the app (gunicorn), the background worker and housekeeping.
# Build: docker build -t registri-sentra-ikm .   Run: see compose.yaml and README "Run it in production".

# --- build stage: compile wheels and collect static files (nothing of it but the results ships) ---
FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
RUN apt-get update && apt-get install -y --no-install-recommends build-essential gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN python -m venv /venv && /venv/bin/pip install -r requirements.txt
COPY . .
# Static files with hashed names (WhiteNoise manifest) and compiled translations, made once at build time.
RUN DEBUG=false SECRET_KEY=build-only-not-secret STATIC_ROOT=/app/staticfiles \
        /venv/bin/python manage.py collectstatic --noinput \
    && /venv/bin/python manage.py compilemessages -l en --ignore=/venv

# --- runtime stage: slim, non-root ---
FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/venv/bin:$PATH \
    DEBUG=false STATIC_ROOT=/app/staticfiles MEDIA_ROOT=/data/media
# postgresql-client: pg_dump/pg_restore for `manage.py backup`/`restore`; curl: container health checks.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 sentra && useradd --system --uid 10001 --gid sentra --home /app sentra \
    && mkdir -p /data/media && chown -R sentra:sentra /data
COPY --from=build /venv /venv
COPY --from=build --chown=root:root /app /app
WORKDIR /app
USER sentra:sentra
EXPOSE 8000
VOLUME ["/data/media"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD curl -fsS http://127.0.0.1:8000/healthz || exit 1
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "config.wsgi:application"]
