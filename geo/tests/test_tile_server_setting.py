"""Raster tiles are off unless the deployment names a tile server; then the CSP admits that host for images only,
and the maps are told to use it (the base layer otherwise is the app's own outline of Indonesia)."""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = "import django; django.setup(); from django.conf import settings as s; import json; print(json.dumps(s.CONTENT_SECURITY_POLICY['DIRECTIVES']))"


def directives(**env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    output = subprocess.run([sys.executable, "-c", PROBE], env=environment, capture_output=True, text=True, cwd=settings.BASE_DIR, check=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def test_no_tile_host_unless_configured():
    csp = directives(MAP_TILE_URL="")
    assert csp["img-src"] == ["'self'", "data:"] and csp["connect-src"] == ["'self'"]


def test_the_configured_tile_host_only_and_only_for_images():
    csp = directives(MAP_TILE_URL="https://{s}.tiles.example.org/{z}/{x}/{y}.png", MAP_TILE_ATTRIBUTION="© Example")
    assert csp["img-src"] == ["'self'", "data:", "https://*.tiles.example.org"]
    assert all("example" not in " ".join(values) for name, values in csp.items() if name != "img-src")


def test_the_maps_get_the_tile_settings(client, analyst, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Example"
    client.force_login(analyst)
    body = client.get("/peta/").content.decode()
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in body and 'data-attribution="© Example"' in body
