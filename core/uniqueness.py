"""Uniqueness checked with the user's scope in mind: "already registered" only about a record they can see.

A NIB, sentra code or certificate number is unique across the country, so a write can clash with a record
in another region, or with a deleted one (Django's own check reads the live manager and misses those, and
the database then answered with its raw text). When the clashing record is in the user's scope the field's
own message says so ("NIB ini sudah terdaftar ..."); otherwise a neutral sentence refuses the value without
saying whose it is, so walking values learns nothing about other regions.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q, UniqueConstraint
from django.utils.translation import gettext as _

from accounts.scope import scope_queryset


def neutral_unique_message():
    return _("Nilai ini tidak dapat dipakai. Hubungi administrator bila menurut Anda nilai ini benar.")


def _unique_checks(instance):
    """(error key, lookup {attname: value}, condition Q or None, in-scope message) for each uniqueness rule."""
    model = type(instance)
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key:
            value = getattr(instance, field.attname)
            if value is not None:
                yield field.name, {field.attname: value}, None, instance.unique_error_message(model, [field.name])
    for constraint in model._meta.constraints:
        if not isinstance(constraint, UniqueConstraint) or not constraint.fields:
            continue
        fields = [model._meta.get_field(name) for name in constraint.fields]
        lookup = {field.attname: getattr(instance, field.attname) for field in fields}
        if any(value is None for value in lookup.values()):
            continue  # NULLs never clash
        if constraint.condition is not None and not _satisfies(instance, constraint.condition):
            continue
        if constraint.violation_error_message != constraint.default_violation_error_message:
            message = constraint.get_violation_error_message()
        else:
            message = instance.unique_error_message(model, constraint.fields)
        yield constraint.fields[-1], lookup, constraint.condition, message


def _satisfies(instance, condition):
    against = instance._get_field_expression_map(meta=instance._meta)
    return Q(condition).check(against)


def unique_errors(user, instance):
    """{field: [ValidationError]} for every uniqueness rule `instance` would break, scope-aware messages."""
    model = type(instance)
    errors = {}
    for key, lookup, condition, message in _unique_checks(instance):
        clashing = model._base_manager.filter(**lookup)
        if condition is not None:
            clashing = clashing.filter(condition)
        if not instance._state.adding and instance.pk is not None:
            clashing = clashing.exclude(pk=instance.pk)
        if not clashing.exists():
            continue
        visible = not hasattr(model, "REGION_PATH") or scope_queryset(clashing, user).exists()
        text = message if visible else neutral_unique_message()
        errors.setdefault(key if key else NON_FIELD_ERRORS, []).append(ValidationError(text, code="unique" if visible else "unavailable"))
    return errors
