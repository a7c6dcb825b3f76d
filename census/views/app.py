"""The field app for phones: an installable web app that works offline.

/pendataan/lapangan/            the app shell (cached by the service worker; no user data in it)
/pendataan/lapangan/daftar.json the officer's worklist (the phone keeps a copy in IndexedDB)
/pendataan/lapangan/kirim/      one visit with its photos (multipart), stored once per idempotency key
/pendataan/sw.js                the service worker, served here so its scope covers /pendataan/
/pendataan/manifest.webmanifest the web app manifest
"""

import json
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from facilities.models import MachineCondition, RoomState

from ..models import FoundStatus, ItemState, WorklistItem
from accounts.models import Role

from ..permissions import can_open_round, can_record, can_record_in_kabupaten
from ..selectors import item_get, worklist_payload
from ..services import visit_record
from ..services.visits import DuplicateKey

MAX_VISIT_JSON = 512 * 1024


def _texts():
    """Words the app's script shows (it runs offline, so they travel inside the cached shell)."""
    return {
        "online": _("Daring"), "offline": _("Luring"), "queued": _("menunggu dikirim"),
        "states": {value: str(label) for value, label in ItemState.choices},
        "room_states": [[value, str(label)] for value, label in RoomState.choices],
        "conditions": [[value, str(label)] for value, label in MachineCondition.choices],
        "saved": _("Kunjungan disimpan di ponsel; dikirim otomatis saat ada sinyal."),
        "pending": _("Menunggu sinyal"), "sending": _("Mengirim…"), "sent": _("Terkirim"), "refused": _("Ditolak"),
        "login": _("Sesi berakhir: masuk lagi untuk mengirim."), "login_link": _("Masuk"),
        "no_items": _("Tidak ada sentra dalam daftar kerja Anda."), "from_phone": _("Daftar kerja dari penyimpanan ponsel (luring)."),
        "officer": _("Petugas"), "deadline": _("Batas waktu"), "returned": _("Dikembalikan:"),
        "record": _("Catat kunjungan"), "correct": _("Catat perbaikan"), "in_queue": _("Ada di antrean"),
        "need_status": _("Pilih status sentra yang ditemukan."), "need_photo": _("Lampirkan sedikitnya satu foto."),
        "too_many_photos": _("Paling banyak 5 foto."), "need_occupant": _("Ruang terisi: pilih IKM penggunanya."),
        "need_date": _("Tanggal kunjungan wajib diisi."), "photo_failed": _("Foto tidak dapat dibaca: "),
        "gps_failed": _("Titik GPS tidak didapat: "), "gps_waiting": _("Mencari titik GPS…"),
        "producing": _("masih berproduksi"), "name": _("Nama usaha"), "owner": _("Pemilik"), "product": _("Produk"),
        "occupant": _("Pengguna"), "nobody": _("(tidak ada)"), "remove": _("Hapus"), "none_listed": _("Tidak ada."),
        "visit_of": _("Kunjungan"), "error_retry": _("Gagal, dicoba lagi nanti"),
    }


@login_required
def app_shell(request):
    return render(request, "census/app.html", {"found_statuses": FoundStatus.choices, "texts": _texts()})


@never_cache
@login_required
@require_GET
def app_worklist(request):
    kabupaten = request.GET.get("kabupaten") or None
    if kabupaten is not None and not can_record_in_kabupaten(request.user, kabupaten):
        raise Http404(_("Wilayah ini di luar cakupan Anda."))
    items = worklist_payload(user=request.user, kabupaten=kabupaten)
    return JsonResponse({"user": request.user.get_username(), "items": items})


def _error(message, status, **extra):
    return JsonResponse({"ok": False, "error": message, **extra}, status=status)


@never_cache
@require_POST
@login_required  # a lapsed session answers with the login redirect: the phone keeps the visit and asks to log in
def app_sync(request):
    """Store one queued visit. Answers JSON the phone acts on: 201 stored, 200 already stored (same key),
    400 refused (the officer must correct it), 403/404 not theirs; anything else is retried later."""
    if not (can_open_round(request.user) or getattr(request.user, "role", None) == Role.DISTRICT):
        return _error(_("Anda tidak berwenang mencatat kunjungan."), 403)
    raw = request.POST.get("visit", "")
    if len(raw) > MAX_VISIT_JSON:
        return _error(_("Data kunjungan terlalu besar."), 400)
    try:
        payload = json.loads(raw or "{}")
        exif = json.loads(request.POST.get("exif") or "[]")
    except ValueError:
        return _error(_("Data kunjungan tidak dapat dibaca."), 400)
    if not isinstance(payload, dict) or not isinstance(exif, list):
        return _error(_("Data kunjungan tidak dapat dibaca."), 400)
    if not str(payload.get("item", "")).isdigit():
        return _error(_("Data kunjungan tidak lengkap: butir daftar kerja tidak disebut."), 400)
    try:
        item = item_get(user=request.user, pk=int(payload["item"]))
    except WorklistItem.DoesNotExist:
        return _error(_("Butir daftar kerja tidak ditemukan."), 404)
    if not can_record(request.user, item.sentra.desa_id):
        return _error(_("Anda tidak berwenang mencatat kunjungan di wilayah ini."), 403)
    try:
        visit, created = visit_record(
            user=request.user, item_id=item.pk, payload=payload, photos=request.FILES.getlist("photos"), photo_exif=exif,
        )
    except DuplicateKey:
        return _error(_("Kunci idempoten ini sudah dipakai untuk kunjungan lain."), 409)
    except PermissionDenied as denied:
        return _error(str(denied), 403)
    except ValidationError as error:
        details = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        return _error(" ".join(message for messages in details.values() for message in messages), 400, fields=details)
    return JsonResponse(
        {"ok": True, "visit": visit.pk, "item": item.pk, "created": created, "photos": visit_photo_count(visit)},
        status=201 if created else 200,
    )


def visit_photo_count(visit):
    from evidence.services import evidence_for

    return evidence_for(visit).count()


@require_GET
def service_worker(request):
    """The service worker's script: a static file, served under /pendataan/ so it may control the census
    pages (a worker's scope cannot be above its own address), never cached by the HTTP cache (updates)."""
    path = finders.find("census/sw.js")
    if path is None:
        raise Http404()
    body = Path(path).read_text(encoding="utf-8")
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/pendataan/"
    return response


@require_GET
def manifest(request):
    data = {
        "name": _("Pendataan Ulang Sentra IKM"),
        "short_name": _("Pendataan"),
        "description": _("Kunjungan lapangan pendataan ulang sentra IKM, juga tanpa sinyal."),
        "lang": "id",
        "start_url": "/pendataan/lapangan/",
        "scope": "/pendataan/",
        "display": "standalone",
        "background_color": "#f5f7fa",
        "theme_color": "#0b5d8c",
        "icons": [
            {"src": static("census/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("census/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any maskable"},
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})
