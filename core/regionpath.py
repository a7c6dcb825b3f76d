def region_code_of(instance, path=None):
    """Follow `REGION_PATH` ("sentra__desa") on an instance to the region code, without loading the region."""
    parts = (path or type(instance).REGION_PATH).split("__")
    target = instance
    for name in parts[:-1]:
        target = getattr(target, name, None)
        if target is None:
            return None
    return getattr(target, f"{parts[-1]}_id", None)
