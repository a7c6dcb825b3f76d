from django_tasks import task


@task()
def refresh_dataset(slug):
    """Recompute one open dataset in the background (worker: `manage.py db_worker`)."""
    from .selectors import dataset_for, refresh

    refresh(dataset_for(slug))
