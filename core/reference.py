"""Configurable catalogues (commodities, DAK menu, programmes, equipment types) loaded from data/reference.

Each JSON file names a model, its natural key and rows; a foreign key is given by the related row's `code`.
Loading is an upsert by natural key, so it is safe to repeat and never removes a row someone relies on.
"""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction

REFERENCE_DIR = Path(settings.BASE_DIR) / "data" / "reference"


def _resolve_foreign_keys(model, row):
    values = {}
    for name, value in row.items():
        field = model._meta.get_field(name)
        if field.is_relation:
            values[field.attname] = field.related_model.objects.only("pk").get(code=value).pk
        else:
            values[name] = value
    return values


def reference_load(*, directory=REFERENCE_DIR):
    """Upsert every catalogue file in name order; returns {model label: (created, updated)}."""
    summary = {}
    with transaction.atomic():
        for path in sorted(Path(directory).glob("*.json")):
            spec = json.loads(path.read_text(encoding="utf-8"))
            model = apps.get_model(spec["model"])
            key = spec["key"]
            created = updated = 0
            for row in spec["rows"]:
                values = _resolve_foreign_keys(model, row)
                obj = model.objects.filter(**{key: values[key]}).first()
                if obj is None:
                    obj = model(**values)
                    obj.full_clean()
                    obj.save()
                    created += 1
                elif any(getattr(obj, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(obj, name, value)
                    obj.full_clean()
                    obj.save()
                    updated += 1
            summary[spec["model"]] = (created, updated)
    return summary
