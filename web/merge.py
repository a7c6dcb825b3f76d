"""Three-way merge for a save refused as a conflict: nothing the other person wrote is reverted unseen.

base   the record as the user opened it (the history row at the version the form carries),
theirs the record as stored now,
mine   what the user submitted.

A field only the other person changed takes their value; a field only this user changed keeps theirs-not,
mine; a field both changed differently is a conflict and needs an explicit choice ("resolve_<field>" =
mine / theirs) before the next save goes through. The form is shown again holding the merged values and
the current version, so the second save writes exactly the fields this user changed plus the choices made.

The base values come from django-simple-history (the row with the version the form was opened at); fields
that are not columns of the model (a sentra's commodities) are merged through the form's
`extra_merge_values(instance, at)` hook.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

MINE, THEIRS = "mine", "theirs"
RESOLVE_PREFIX = "resolve_"


def comparable(value):
    """One value as a comparable key: a record by its pk, a set of records by their pks, blank as None."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple, set, frozenset, models.QuerySet)):
        return frozenset(comparable(item) for item in value)
    if value == "":
        return None
    return value


def _model_fields(form):
    model = form._meta.model
    names = {f.name: f for f in model._meta.concrete_fields}
    return {name: names[name] for name in form.fields if name in names}


def history_at(instance, version):
    """The newest history row of `instance` at `version`, or None (records written without history)."""
    history = getattr(type(instance), "history", None)
    if history is None or version is None:
        return None
    return (
        history.filter(**{type(instance)._meta.pk.attname: instance.pk, "version": version})
        .order_by("-history_date", "-history_id")
        .first()
    )


def state_moment(row):
    """The last moment the version of history row `row` was the stored one (just before the next version
    was written): what related rows (a sentra's commodities, saved after the sentra) looked like then."""
    newer = (
        type(row).objects.filter(**{type(row).instance_type._meta.pk.attname: getattr(row, type(row).instance_type._meta.pk.attname)},
                                 version__gt=row.version)
        .order_by("history_date").values_list("history_date", flat=True).first()
    )
    return newer - timedelta(microseconds=1) if newer is not None else timezone.now()


def _related(source, model_field):
    try:
        return getattr(source, model_field.name)
    except ObjectDoesNotExist:
        return None


def stored_values(form, source, at=None):
    """{field: (comparable key, value for the form)} of a stored record or of one of its history rows."""
    values = {}
    for name, model_field in _model_fields(form).items():
        raw = _related(source, model_field) if model_field.is_relation else getattr(source, model_field.attname)
        values[name] = (comparable(raw), raw)
    for name, raw in form.extra_merge_values(_record_pk(form, source), at).items():
        values[name] = (comparable(raw), raw)
    return values


def _record_pk(form, source):
    return getattr(source, form._meta.model._meta.pk.attname)  # a history row's own pk is history_id


def submitted_values(form):
    names = [*_model_fields(form), *form.extra_merge_values(form.instance.pk, None)]
    return {name: (comparable(form.cleaned_data.get(name)), form.cleaned_data.get(name)) for name in names}


@dataclass
class Merge:
    """What the second save will write, and what the page shows about it."""

    theirs_kept: list = field(default_factory=list)  # only the other person changed these: their value is used
    mine_kept: list = field(default_factory=list)  # only this user changed these: their input is kept
    conflicts: list = field(default_factory=list)  # both changed, differently: an explicit choice is needed
    values: dict = field(default_factory=dict)  # field -> (base, theirs, mine) raw values, for display


def three_way(form, current, base_version):
    """Merge the submitted form with `current` (stored) against the history row at `base_version`."""
    base_row = history_at(current, base_version)
    theirs = stored_values(form, current)
    mine = submitted_values(form)
    base = stored_values(form, base_row, state_moment(base_row)) if base_row is not None else None
    merge = Merge()
    for name, (mine_key, mine_raw) in mine.items():
        theirs_key, theirs_raw = theirs[name]
        base_key, base_raw = base[name] if base is not None else (theirs_key if mine_key == theirs_key else object(), None)
        merge.values[name] = (base_raw, theirs_raw, mine_raw)
        if mine_key == theirs_key:
            continue
        if mine_key == base_key:
            merge.theirs_kept.append(name)
        elif theirs_key == base_key:
            merge.mine_kept.append(name)
        else:
            merge.conflicts.append(name)
    return merge


def merged_data(form, post, merge, *, version, base_version):
    """The POST data to show again: the other person's values where only they changed a field, the user's
    own input elsewhere (conflicting fields too, until they choose), the version now stored (`version`) and
    the one the user had opened (`base_version`, so the next save can tell which fields need a choice)."""
    data = post.copy()
    for name in merge.theirs_kept:
        _put(form, data, name, merge.values[name][1])
    data["version"] = str(version)
    data["base_version"] = str(base_version)
    for name in list(data):
        if name.startswith(RESOLVE_PREFIX):
            del data[name]
    return data


def _put(form, data, name, raw):
    key = form.add_prefix(name)
    form_field = form.fields[name]
    if isinstance(raw, (list, tuple, set, frozenset, models.QuerySet)):
        data.setlist(key, [str(form_field.prepare_value(item)) for item in raw])
        return
    prepared = form_field.prepare_value(raw)
    data[key] = "" if prepared is None else prepared


def apply_resolutions(form, record, post):
    """Before the save that follows a conflict screen: every field the other person changed between the
    version the user opened (`base_version`) and the one the conflict screen showed (`version`), and that the
    form would now set to something else than what is stored, needs an explicit choice. "theirs" puts the
    stored value back; a field without a choice comes back in the returned Merge's `conflicts` (and as an
    error on the field). A normal save (no `base_version`) passes untouched."""
    unresolved = Merge()
    opened_version, shown_version = form.cleaned_data.get("base_version"), form.cleaned_data.get("version")
    if not opened_version or opened_version == shown_version or record is None:
        return unresolved
    opened, shown = history_at(record, opened_version), history_at(record, shown_version)
    if opened is None or shown is None:
        return unresolved
    shown_values = stored_values(form, shown, state_moment(shown))
    opened_values = stored_values(form, opened, state_moment(opened))
    for name, (mine_key, mine_raw) in submitted_values(form).items():
        shown_key, shown_raw = shown_values[name]
        if mine_key == shown_key or opened_values[name][0] == shown_key:
            continue
        choice = post.get(RESOLVE_PREFIX + name)
        if choice == THEIRS:
            form.cleaned_data[name] = shown_raw
        elif choice != MINE:
            form.add_error(name, ValidationError(_("Kolom ini diubah oleh Anda dan pengguna lain: pilih nilai yang dipakai."), code="choose"))
            unresolved.conflicts.append(name)
            unresolved.values[name] = (opened_values[name][1], shown_raw, mine_raw)
    return unresolved
