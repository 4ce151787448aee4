"""Errors a user can act on. Messages are one or two plain sentences, never a traceback.

The CLI maps each class to its exit code; the GUI shows the message in a dialog.
"""

from __future__ import annotations


class ServiceError(Exception):
    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NoPracticeError(ServiceError):
    exit_code = 2


class NotFoundError(ServiceError):
    exit_code = 2


class PassphraseError(ServiceError):
    """Passphrase missing or wrong."""

    exit_code = 3


class DatabaseUnreadableError(ServiceError):
    """Damaged, not a database, or made by a newer version of the app."""

    exit_code = 4


class NewerVersionError(DatabaseUnreadableError):
    pass


class PracticeInUseError(ServiceError):
    exit_code = 5


class SaveFailedError(ServiceError):
    """A write did not happen (disk full, read-only folder); nothing stored was changed."""

    exit_code = 1


class PracticeExistsError(ServiceError):
    """create_practice was asked to create a practice where one already exists."""

    exit_code = 2


class ClientExistsError(ServiceError):
    """An import named a client id already in the practice and replacing was not asked for."""

    exit_code = 2

    def __init__(self, message: str, client_id: str):
        super().__init__(message)
        self.client_id = client_id
