"""Links between records stay inside one kabupaten/kota.

A membership joins an IKM unit to a sentra, a room is used by an IKM unit, a DAK activity pays for a sentra:
if the two ends lay in different kabupaten/kota, the staff of one would read the names and NIBs of the other
(the membership is in the unit's region, the room in the sentra's). Each model names its links in
`REGION_LINKS` (beside `REGION_PATH`); the services check them before writing (`link_errors` for the record
itself, `move_errors` when a record's own region changes under records linked to it), the database refuses
them too (core/triggers.py) and `manage.py check_links` lists what is already stored.

A kabupaten/kota is the first five characters of any region code below the province ("53.05" of
"53.05.03.2001"), so both ends compare without loading a region.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import F
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from accounts.scope import region_q

from .regionpath import region_code_of

KABUPATEN_LENGTH = len("53.05")


@dataclass(frozen=True)
class RegionLink:
    """`field` (the link, where an error is shown) joins the region at `this` to the region at `other`."""

    field: str
    this: str  # region path of the record's own side, e.g. "ikm__desa"
    other: str  # region path of the linked side, e.g. "sentra__desa"
    message: str  # lazily translated: why the link is refused


def kabupaten_of(code):
    return code[:KABUPATEN_LENGTH] if code and len(code) >= KABUPATEN_LENGTH else None


def link_errors(instance):
    """{field: message} for the links of `instance` whose two ends lie in different kabupaten/kota."""
    errors = {}
    for link in getattr(type(instance), "REGION_LINKS", ()):
        this, other = region_code_of(instance, link.this), region_code_of(instance, link.other)
        if this and other and kabupaten_of(this) != kabupaten_of(other):
            errors[link.field] = str(link.message)
    return errors


def linked_regions(instance):
    """Region codes of every end of every link of `instance` (a writer must be allowed to touch them all)."""
    codes = []
    for link in getattr(type(instance), "REGION_LINKS", ()):
        codes += [region_code_of(instance, link.this), region_code_of(instance, link.other)]
    return [code for code in codes if code]


def _linking_models():
    return [model for model in apps.get_models() if getattr(model, "REGION_LINKS", ())]


def _sides_pointing_at(model, target):
    """(first hop, other side, link) for each link end of `model` that reaches `target`'s own region."""
    for link in model.REGION_LINKS:
        for side, other in ((link.this, link.other), (link.other, link.this)):
            hop, _sep, rest = side.partition("__")
            field = model._meta.get_field(hop)
            if field.is_relation and field.related_model is target._meta.concrete_model and rest == target.REGION_PATH:
                yield hop, other, link


def move_errors(instance):
    """{region field: message} when `instance` moved to another kabupaten/kota than records linked to it."""
    kabupaten = kabupaten_of(region_code_of(instance))
    if kabupaten is None or instance.pk is None:
        return {}
    for model in _linking_models():
        for hop, other, _link in _sides_pointing_at(model, instance):
            stranded = model._base_manager.filter(**{hop: instance.pk, f"{other}__isnull": False}).exclude(region_q(kabupaten, other))
            if stranded.exists():
                return {
                    type(instance).REGION_PATH: _(
                        "Data ini masih terhubung dengan %(what)s di kabupaten/kota asalnya; akhiri atau pindahkan hubungan itu dulu."
                    ) % {"what": model._meta.verbose_name_plural}
                }
    return {}


def violations():
    """(model, link, queryset of stored records whose link crosses a kabupaten/kota) for every link."""
    for model in _linking_models():
        for link in model.REGION_LINKS:
            yield model, link, (
                model._base_manager.filter(**{f"{link.this}__isnull": False, f"{link.other}__isnull": False})
                .annotate(_this=Substr(F(link.this), 1, KABUPATEN_LENGTH), _other=Substr(F(link.other), 1, KABUPATEN_LENGTH))
                .exclude(_this=F("_other"))
                .order_by("pk")
            )
