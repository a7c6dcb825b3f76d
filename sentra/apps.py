from django.apps import AppConfig


class SentraConfig(AppConfig):
    name = "sentra"
