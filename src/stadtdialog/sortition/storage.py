"""The private storage: files with personal data (the invitation letters) that no URL serves.

It is `STORAGES["private"]` when the settings define it (with S3_PRIVATE_BUCKET a private bucket of its
own, see settings.s3_storages), else a folder `PRIVATE_ROOT` (default `<var>/private`) beside the media
folder. Staff download its files only through a view that checks their permission (streamed from the
storage, never a URL of it). A folder inside MEDIA_ROOT would be served under MEDIA_URL, so it is refused.
"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, InvalidStorageError, Storage, storages


def private_root() -> Path:
    default = Path(getattr(settings, "VAR_DIR", Path(settings.MEDIA_ROOT).parent)) / "private"
    return Path(getattr(settings, "PRIVATE_ROOT", default))


def private_storage() -> Storage:
    try:
        storage = storages["private"]
    except InvalidStorageError:
        storage = FileSystemStorage(location=private_root())
    if isinstance(storage, FileSystemStorage):  # an object storage's "location" is a key prefix, not a folder
        folder, media = Path(storage.location).resolve(), Path(settings.MEDIA_ROOT).resolve()
        if folder == media or folder.is_relative_to(media) or media.is_relative_to(folder):
            raise ImproperlyConfigured(
                "The private storage must not overlap MEDIA_ROOT: files there would be served under MEDIA_URL."
            )
    return storage
