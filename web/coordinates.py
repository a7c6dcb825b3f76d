"""Coordinates in record forms (sentra, IKM units).

- `CoordinateField`: a decimal box that also takes the Indonesian decimal comma (-8,2431).
- `CoordinateInput`: the box; its media (Leaflet, static/geo/picker.js) add a map under the two boxes: click or
  drag to set the point, "use my location", and the chosen desa centred when nothing is set yet.
- `LocationCheckMixin`: a point that is allowed but doubtful (far from the other records of its kabupaten/kota,
  at sea) is shown as a warning and saved only once the user ticks "the location is right". Points outside
  Indonesia never get here: the model refuses them (core/coordinates.py).

The warnings come from the function named by settings.LOCATION_WARNINGS (the geo app's), so this module, which
the registry apps' forms import, imports nothing above them.
"""

from functools import cache

from django import forms
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


class CoordinateField(forms.DecimalField):
    def to_python(self, value):
        if isinstance(value, str) and value.count(",") == 1 and "." not in value:
            value = value.replace(",", ".")  # the Indonesian decimal comma; a dot is never a thousands separator here
        return super().to_python(value)


class CoordinateInput(forms.TextInput):
    def __init__(self, axis, attrs=None):
        super().__init__(attrs={"data-coordinate": axis, "inputmode": "decimal", "autocomplete": "off", **(attrs or {})})
        self.axis = axis

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.axis == "lat":  # the picker's settings ride on the latitude box, built per request (language, URLs)
            context["widget"]["attrs"].update(picker_attrs())
        return context

    class Media:
        css = {"all": ["vendor/leaflet/leaflet.css", "geo/maps.css"]}
        js = ["vendor/leaflet/leaflet.js", "geo/basemap.js", "geo/picker.js"]


def picker_attrs():
    return {
        "data-outline": static("geo/outline.geojson"),
        "data-tiles": settings.MAP_TILE_URL,
        "data-attribution": settings.MAP_TILE_ATTRIBUTION,
        "data-centre-url": reverse("geo:centre"),
        "data-check-url": reverse("geo:check"),
        "data-text-locate": _("Gunakan lokasi saya"),
        "data-text-clear": _("Hapus titik"),
        "data-text-help": _("Klik peta atau geser penanda untuk mengisi lintang dan bujur."),
        "data-text-locating": _("Mencari lokasi Anda…"),
        "data-text-locate-failed": _("Lokasi Anda tidak dapat dibaca. Izinkan akses lokasi di peramban, atau klik peta."),
        "data-text-map": _("Peta untuk memilih lokasi"),
    }


COORDINATE_FIELDS = {"latitude": CoordinateField, "longitude": CoordinateField}


def coordinate_widgets():
    return {"latitude": CoordinateInput("lat"), "longitude": CoordinateInput("lon")}


@cache
def location_warnings():
    name = getattr(settings, "LOCATION_WARNINGS", "")
    return import_string(name) if name else (lambda *args, **kwargs: [])


class LocationCheckMixin(forms.Form):
    """Before a ModelForm with desa, latitude and longitude; `location_kind` names the record for the check."""

    location_kind = ""
    confirm_location = forms.BooleanField(
        required=False, widget=forms.HiddenInput, label=_("Saya sudah memeriksa: lokasi ini benar")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "latitude" in self.fields:  # the picker's live check leaves the record itself out of the comparison
            self.fields["latitude"].widget.attrs.update({"data-kind": self.location_kind, "data-record": self.instance.pk or ""})

    def clean(self):
        cleaned = super().clean()
        lat, lon, desa = cleaned.get("latitude"), cleaned.get("longitude"), cleaned.get("desa")
        if self.errors or lat is None or lon is None or desa is None or cleaned.get("confirm_location"):
            return cleaned
        instance = self.instance
        if instance.pk and (lat, lon, desa.pk) == (instance.latitude, instance.longitude, instance.desa_id):
            return cleaned  # the stored point, already judged when it was saved (and listed in /peta/kualitas/)
        warnings = location_warnings()(desa.pk, lat, lon, exclude=(self.location_kind, instance.pk))
        if warnings:
            self.fields["confirm_location"].widget = forms.CheckboxInput()
            self.fields["confirm_location"].help_text = _("Centang lalu simpan lagi bila titik ini memang benar.")
            for warning in warnings:
                self.add_error("confirm_location", warning)
        return cleaned
