"""API keys: optional, for clients that need more requests than the anonymous limit. Only the SHA-256 of a key is
stored (like the staff invitations' tokens); the key itself is shown once, when it is made."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    name = models.CharField(_("who uses it"), max_length=200)
    key_hash = models.CharField(max_length=64, unique=True)
    requests_per_minute = models.PositiveIntegerField(_("requests per minute"), default=3000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return self.name
