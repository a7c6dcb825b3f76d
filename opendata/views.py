"""Open data pages, downloads and the DCAT catalogue: no login, aggregates only (thin: see selectors.py)."""

import csv
import io
import json

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors
from .access import public_view
from .charts import dataset_chart
from .datasets import SUPPRESSION_NOTE, datasets

LICENCE = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_NAME = "CC BY 4.0"
FORMATS = {"csv": "text/csv", "json": "application/json"}


def metadata(request, dataset, figures):
    """Title, description, source, update time, licence and contact of a dataset (page, JSON and DCAT)."""
    return {
        "identifier": dataset.slug,
        "title": str(dataset.title),
        "description": str(dataset.description) + (
            " " + str(SUPPRESSION_NOTE % {"threshold": figures["threshold"]}) if dataset.suppressed else ""
        ),
        "source": _("Registri Sentra IKM: data yang dicatat dinas kabupaten/kota dan diverifikasi dinas provinsi."),
        "publisher": getattr(settings, "OPENDATA_PUBLISHER", ""),
        "contact": getattr(settings, "OPENDATA_CONTACT_EMAIL", ""),
        "licence": LICENCE,
        "licence_name": LICENCE_NAME,
        "modified": figures["modified"],
        "computed_at": figures["computed_at"],
        "suppression_threshold": figures["threshold"] if dataset.suppressed else None,
        "keywords": list(dataset.keywords),
        "landing_page": request.build_absolute_uri(reverse("opendata:dataset", args=[dataset.slug])),
        "downloads": {fmt: request.build_absolute_uri(reverse("opendata:download", args=[dataset.slug, fmt])) for fmt in FORMATS},
    }


def _section(request, dataset, figures, code, rows, names):
    drillable = len(code) < 5
    return {
        "dataset": dataset,
        "meta": metadata(request, dataset, figures),
        "columns": dataset.columns,
        "rows": [
            {"code": row[0], "name": names.get(row[0], row[0]), "cells": list(zip(dataset.columns, row[-1])), "is_total": row[0] == code,
             "link": reverse("opendata:region", args=[row[0]]) if drillable and row[0] != code else None,
             "year": row[1] if dataset.by_year else None}
            for row in rows
        ],
        "chart": dataset_chart(dataset, rows, names, code),
        "csv": reverse("opendata:download", args=[dataset.slug, "csv"]) + (f"?wilayah={code}" if code else ""),
        "json": reverse("opendata:download", args=[dataset.slug, "json"]) + (f"?wilayah={code}" if code else ""),
    }


@public_view
def region_page(request, code=""):
    region = selectors.region_for(code)
    code = region.code if region else ""
    tables = [(dataset, figures, selectors.table(dataset, figures, code))
              for dataset in datasets().values() for figures in [selectors.published(dataset)]]
    names = selectors.region_names({row[0] for _d, _f, rows in tables for row in rows})
    sections = [_section(request, dataset, figures, code, rows, names) for dataset, figures, rows in tables]
    crumbs = [("", _("Indonesia"))]
    if region is not None and region.level == 2:
        crumbs.append((region.parent_id, region.parent.name))
    if region is not None:
        crumbs.append((region.code, region.name))
    return render(request, "opendata/region.html", {
        "region": region, "name": region.name if region else _("Indonesia"), "sections": sections, "crumbs": crumbs,
        "threshold": selectors.threshold(), "licence": LICENCE, "licence_name": LICENCE_NAME,
    })


@public_view
def dataset_page(request, slug):
    dataset = selectors.dataset_for(slug)
    figures = selectors.published(dataset)
    return render(request, "opendata/dataset.html", {"meta": metadata(request, dataset, figures), "dataset": dataset})


@public_view
def download(request, slug, fmt):
    if fmt not in FORMATS:
        raise Http404
    dataset = selectors.dataset_for(slug)
    figures = selectors.published(dataset)
    region = selectors.region_for(request.GET.get("wilayah", ""))
    code = region.code if region else ""
    rows = selectors.table(dataset, figures, code, below=2)  # the region and everything under it down to kabupaten/kota
    names = selectors.region_names([row[0] for row in rows])
    keys = dataset.column_keys()
    filename = f"{dataset.slug}{'-' + code if code else ''}.{fmt}"
    if fmt == "json":
        body = {
            "metadata": metadata(request, dataset, figures),
            "columns": [{"key": column.key, "label": str(column.label), "kind": column.kind} for column in dataset.columns],
            "rows": [
                {"region": row[0] or None, "region_name": names.get(row[0], row[0]), "level": selectors.DEPTH[len(row[0])],
                 **dict(zip(keys, row[-1]))}
                for row in rows
            ],
        }
        response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["kode_wilayah", "nama_wilayah", "tingkat", *keys])
        for row in rows:
            writer.writerow([row[0], names.get(row[0], row[0]), selectors.DEPTH[len(row[0])], *("" if v is None else v for v in row[-1])])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@public_view
def catalogue(request):
    """DCAT (JSON-LD) catalogue of every dataset, for national portals to harvest (e.g. Satu Data Indonesia)."""
    publisher = {"@type": "foaf:Organization", "foaf:name": getattr(settings, "OPENDATA_PUBLISHER", "")}
    entries = []
    for slug, dataset in datasets().items():
        figures = selectors.published(dataset)
        meta = metadata(request, dataset, figures)
        entries.append({
            "@id": meta["landing_page"],
            "@type": "dcat:Dataset",
            "dct:identifier": slug,
            "dct:title": meta["title"],
            "dct:description": meta["description"],
            "dct:modified": meta["modified"] or meta["computed_at"],
            "dct:issued": meta["computed_at"],
            "dct:license": {"@id": LICENCE},
            "dct:publisher": publisher,
            "dct:spatial": "Indonesia",
            "dct:language": ["id", "en"],
            "dcat:keyword": meta["keywords"],
            "dcat:landingPage": {"@id": meta["landing_page"]},
            "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": meta["publisher"],
                                  "vcard:hasEmail": f"mailto:{meta['contact']}" if meta["contact"] else None},
            "dcat:distribution": [
                {"@type": "dcat:Distribution", "dcat:downloadURL": {"@id": url}, "dcat:accessURL": {"@id": url},
                 "dcat:mediaType": FORMATS[fmt], "dct:format": fmt.upper(), "dct:license": {"@id": LICENCE},
                 "dct:title": f"{meta['title']} ({fmt.upper()})"}
                for fmt, url in meta["downloads"].items()
            ],
        })
    body = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
        },
        "@id": request.build_absolute_uri(reverse("opendata:catalogue")),
        "@type": "dcat:Catalog",
        "dct:title": _("Data terbuka Registri Sentra IKM"),
        "dct:description": _("Angka agregat sentra IKM, unit IKM, fasilitas dan DAK Fisik Bidang IKM; tanpa data pribadi atau usaha."),
        "dct:publisher": publisher,
        "dct:license": {"@id": LICENCE},
        "foaf:homepage": {"@id": request.build_absolute_uri(reverse("opendata:home"))},
        "dcat:dataset": entries,
    }
    return HttpResponse(json.dumps(body, ensure_ascii=False, indent=1), content_type="application/ld+json; charset=utf-8")
