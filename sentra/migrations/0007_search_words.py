from django.db import migrations

from core.search_words import word_index_operation


class Migration(migrations.Migration):
    """Name search through a word index and a vocabulary (issue 16; core/search_words.py); PostgreSQL only."""

    dependencies = [
        ('sentra', '0006_h16_name_search'),
    ]

    operations = [
        word_index_operation('sentra', 'Sentra', ('name', 'code', 'manager_name'), 'sentra_search_words'),
    ]
