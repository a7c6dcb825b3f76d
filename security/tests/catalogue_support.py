"""Helpers for the bad-input catalogue: the world the cases run in, and the 'nothing changed' snapshot."""

import io
import json
import zipfile
from dataclasses import dataclass, field

import openpyxl
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

# Every app that holds registry data; their historical tables are the audit trail.
REGISTRY_APPS = ("regions", "commodities", "sentra", "ikm", "facilities", "funding", "accounts", "apiclients")


def registry_snapshot():
    """Row count (and sum of versions, which moves on any update) of every registry and history table."""
    snapshot = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in REGISTRY_APPS or model._meta.proxy:
            continue
        manager = model._base_manager
        count = manager.count()
        versions = sum(manager.values_list("version", flat=True)) if any(f.name == "version" for f in model._meta.fields) else None
        snapshot[model._meta.label] = (count, versions)
    return snapshot


@dataclass
class Case:
    """One hostile or broken input: how to send it, and what a clear refusal looks like."""

    id: str
    channel: str  # form | api | import
    send: object  # callable(world) -> response
    status: tuple = (400,)
    says: tuple = ()  # fragments the answer must contain (Indonesian, naming the problem)
    field_errors: tuple = ()  # form fields that must carry an error
    marks: list = field(default_factory=list)


def xlsx_bytes(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite_zip(content, replace=None, extra=None):
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = (replace or {}).get(item.filename, source.read(item.filename))
            target.writestr(item.filename, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def json_body(response):
    try:
        return json.dumps(response.json(), ensure_ascii=False)
    except (ValueError, TypeError):
        return response.content.decode(errors="replace")
