"""The only writes of the open-data app: API keys for clients that need a higher rate limit. They are made and
revoked by the operators on the command line (`manage.py api_key`), so there is no acting user to check; each write
is audited."""

from __future__ import annotations

import secrets

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from stadtdialog.core.audit import record

from .http import key_cache_key, key_hash
from .models import ApiKey


def create_api_key(*, name: str, requests_per_minute: int = 3000) -> tuple[ApiKey, str]:
    """A new key; returns the row and the key itself, which is shown once and stored only as its SHA-256."""
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        api_key = ApiKey.objects.create(name=name, key_hash=key_hash(key), requests_per_minute=requests_per_minute)
        record(None, "api.key_create", api_key, {"name": name, "requests_per_minute": requests_per_minute})
    return api_key, key


def revoke_api_key(*, pk: int) -> ApiKey:
    with transaction.atomic():
        api_key = ApiKey.objects.select_for_update().get(pk=pk)
        if api_key.revoked_at is None:
            api_key.revoked_at = timezone.now()
            api_key.save(update_fields=["revoked_at"])
            record(None, "api.key_revoke", api_key)
    cache.delete(key_cache_key(api_key.key_hash))  # the next request reads the revocation
    return api_key
