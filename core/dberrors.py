"""A database refusal (IntegrityError) as a ValidationError a user can read, never the database's own text.

The database's text names tables, constraints and the conflicting values ("Key (nib)=(...) already
exists"): shown to a client it tells what exists outside their region. A refusal is matched to the rule
that made it (a named CHECK constraint with its message, or a trigger of core/triggers.py) and answered in
the user's language; a uniqueness clash, or anything unrecognised, gets one neutral sentence. The services
check uniqueness themselves first (core/uniqueness.py) with the user's scope in mind; this is for the rare
clash a concurrent write creates between that check and the write.
"""

import re

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import BaseConstraint, UniqueConstraint
from django.utils.translation import gettext as _

from .triggers import MESSAGES

_SQLITE_CHECK = re.compile(r"CHECK constraint failed: (\w+)")


def neutral_message():
    return _("Data tidak dapat disimpan karena bertentangan dengan data lain yang sudah tersimpan. Periksa isian Anda.")


def _constraint_name(error):
    cause = error.__cause__ or error
    diag = getattr(cause, "diag", None)
    if diag is not None and getattr(diag, "constraint_name", None):
        return diag.constraint_name
    match = _SQLITE_CHECK.search(str(cause))
    return match.group(1) if match else None


def _constraint(name):
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if constraint.name == name:
                return constraint
    return None


def integrity_error_message(error):
    text = str(error.__cause__ or error)
    for english, message in MESSAGES.items():
        if english in text:
            return str(message)
    constraint = _constraint(_constraint_name(error))
    if constraint is not None and not isinstance(constraint, UniqueConstraint):
        if constraint.violation_error_message != BaseConstraint.default_violation_error_message:
            return str(constraint.violation_error_message)
    return neutral_message()


def as_validation_error(error):
    return ValidationError({NON_FIELD_ERRORS: [ValidationError(integrity_error_message(error), code="integrity")]})
