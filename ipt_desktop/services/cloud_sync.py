"""Is a folder inside a cloud-sync folder (Dropbox, OneDrive, iCloud Drive, Google Drive)?

Sync clients upload a live SQLite file while it is being written and can hand back a copy that
mixes old and new pages, or a "conflicted copy"; they also move clinical records to a third
party. We only warn (the therapist may have a business agreement with the provider); detection
is by path components, so it works offline and without the sync client running.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePath

# (service shown to people, pattern matched against ONE path component, case-insensitive)
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Dropbox", re.compile(r"^dropbox( \(.+\))?$|^dropbox-", re.I)),
    ("OneDrive", re.compile(r"^onedrive( - .+)?$|^onedrive-", re.I)),
    ("iCloud Drive", re.compile(r"^icloud ?drive$|^com~apple~clouddocs$|^mobile documents$", re.I)),
    ("Google Drive", re.compile(r"^google ?drive$|^googledrive-|^my drive$|^shared drives$", re.I)),
)


def cloud_service_for(path: Path | str) -> str | None:
    """The sync service whose folder holds ``path`` (checked as given and with links resolved)."""
    candidates = [PurePath(path)]
    try:
        resolved = Path(path).expanduser().resolve(strict=False)
        if resolved != candidates[0]:
            candidates.append(resolved)
    except OSError:
        pass
    for candidate in candidates:
        for part in candidate.parts:
            for service, pattern in _MARKERS:
                if pattern.search(part):
                    return service
    return None


def cloud_warning(data_dir: Path, backup_folder: Path | None = None) -> str | None:
    """One sentence for people when either folder is synced to the cloud, else None."""
    for label, folder in (("The practice folder", data_dir), ("The backup folder", backup_folder)):
        if folder is None:
            continue
        service = cloud_service_for(folder)
        if service:
            return (f"{label} ({folder}) is inside a {service} folder. Sync services can damage a "
                    f"database that is in use and copy client records to a third party; consider "
                    f"a folder that is not synced.")
    return None
