from accounts.scope import scope_queryset


def visible(model, user, *, include_deleted=False, queryset=None):
    """Every read starts here: the model's rows the user may see (live rows unless asked otherwise)."""
    if queryset is None:
        manager = model.all_objects if include_deleted and hasattr(model, "all_objects") else model._default_manager
        queryset = manager.all()
    return scope_queryset(queryset, user)
