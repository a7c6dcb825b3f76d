from django.apps import AppConfig


class IkmConfig(AppConfig):
    name = "ikm"
