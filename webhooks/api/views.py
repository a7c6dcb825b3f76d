"""/api/v1/webhooks/: a partner client manages its own subscriptions and reads its delivery log.

Only token clients (never a browser session): a subscription belongs to the client whose token made it, and
another client's subscriptions answer 404. Read-only tokens may subscribe too: it writes no registry data.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response

from apiclients.models import ApiClient
from core.api.errors import django_validation_detail
from core.api.pagination import RegistryCursorPagination
from core.api.params import ALWAYS, check_query_params
from core.api.renderers import OrjsonRenderer
from core.api.schema import RegistryAutoSchema

from .. import services
from ..models import Delivery, Subscription
from .serializers import DeliverySerializer, SubscriptionSerializer, SubscriptionWithSecretSerializer


class IsApiClient(permissions.BasePermission):
    message = _("Langganan webhook hanya dapat dikelola dengan token klien API.")

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and isinstance(request.auth, ApiClient))


class PartnerViewSet(viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated, IsApiClient]
    parser_classes = [JSONParser]
    renderer_classes = [OrjsonRenderer, BrowsableAPIRenderer]
    pagination_class = RegistryCursorPagination
    schema = RegistryAutoSchema()
    registry_resource = False  # no ?fields=/?brief=, no FilterSet (core.api.schema)
    versioned = False
    lookup_value_regex = r"[0-9]+"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        list_params = ("cursor", "page_size") if self.action in ("list", "deliveries") else ()
        check_query_params(request, (*ALWAYS, *list_params))


def _as_drf(error):
    return ValidationError(django_validation_detail(error))


class SubscriptionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, PartnerViewSet):
    serializer_class = SubscriptionSerializer

    def get_queryset(self):
        return Subscription.objects.filter(client=self.request.auth).order_by("id")

    @extend_schema(request=SubscriptionSerializer, responses={201: SubscriptionWithSecretSerializer})
    def create(self, request):
        serializer = SubscriptionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            subscription = services.subscription_create(client=request.auth, **serializer.validated_data)
        except DjangoValidationError as error:
            raise _as_drf(error) from error
        return Response(SubscriptionWithSecretSerializer(subscription).data, status=status.HTTP_201_CREATED)

    def update(self, request, pk=None, partial=False):
        subscription = self.get_object()
        serializer = SubscriptionSerializer(subscription, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        try:
            subscription = services.subscription_update(subscription=subscription, data=serializer.validated_data)
        except DjangoValidationError as error:
            raise _as_drf(error) from error
        return Response(SubscriptionSerializer(subscription).data)

    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)

    def perform_destroy(self, instance):
        services.subscription_delete(subscription=instance)

    @extend_schema(request=None, responses={200: SubscriptionWithSecretSerializer})
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, pk=None):
        subscription = services.subscription_rotate_secret(subscription=self.get_object())
        return Response(SubscriptionWithSecretSerializer(subscription).data)

    @extend_schema(responses={200: DeliverySerializer(many=True)})
    @action(detail=True, methods=["get"], serializer_class=DeliverySerializer)
    def deliveries(self, request, pk=None):
        """The delivery log of this subscription, oldest first (status, response code, attempts)."""
        subscription = self.get_object()
        page = self.paginate_queryset(Delivery.objects.filter(subscription=subscription))
        return self.get_paginated_response(DeliverySerializer(page, many=True).data)

    @extend_schema(request=None, responses={201: DeliverySerializer})
    @action(detail=True, methods=["post"], url_path=r"deliveries/(?P<delivery_id>[0-9]+)/redeliver")
    def redeliver(self, request, pk=None, delivery_id=None):
        """Send a delivery again (the same body, a new delivery id and signature), after those queued."""
        delivery = get_object_or_404(Delivery, pk=delivery_id, subscription=self.get_object())
        return Response(DeliverySerializer(services.delivery_redeliver(delivery=delivery)).data, status=status.HTTP_201_CREATED)
