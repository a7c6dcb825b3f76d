from django.db import migrations

from core.triggers import TriggerOperation


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [TriggerOperation("year_not_after_next", "funding_dakallocation", "fiscal_year")]
