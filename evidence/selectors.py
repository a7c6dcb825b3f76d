from django.contrib.contenttypes.models import ContentType

from core.selectors import visible

from .models import Evidence


def evidence_list(*, user):
    """Every evidence file the user may see: its region (the desa of what it is attached to) is in scope."""
    return visible(Evidence, user)


def evidence_get(*, user, pk):
    return evidence_list(user=user).get(pk=pk)


def evidence_by_object(*, user, model, object_ids):
    """{object id (str): [evidence, ...]} for many rows of one model in one query, scoped."""
    rows = evidence_list(user=user).filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in object_ids]
    ).order_by("object_id", "position", "uploaded_at")
    grouped = {}
    for row in rows:
        grouped.setdefault(row.object_id, []).append(row)
    return grouped
