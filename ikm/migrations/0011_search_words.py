from django.db import migrations

from core.search_words import word_index_operation


class Migration(migrations.Migration):
    """Name search through a word index and a vocabulary (issue 16; core/search_words.py); PostgreSQL only."""

    dependencies = [
        ('ikm', '0010_h16_last_verified_index'),
    ]

    operations = [
        word_index_operation('ikm', 'IkmUnit', ('name', 'owner_name', 'nib', 'product'), 'ikm_search_words'),
    ]
