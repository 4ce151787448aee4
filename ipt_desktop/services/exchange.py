"""Import and export of one client in the exchange format (docs/exchange-format.md).

Import validates the whole document first (exchange_schema) and then writes it in ONE
transaction, so a file with a single bad value changes nothing. Totals and risk flags are
computed from the items here (domain.measures.score), never taken from the file.
"""

from __future__ import annotations

import logging
from typing import Any

from ipt_desktop.domain.measures import score
from ipt_desktop.domain.records import ClientRecord
from ipt_desktop.domain.validation import FieldError, ValidationFailed
from ipt_desktop.services.changes import Changes
from ipt_desktop.services.errors import ClientExistsError, NotFoundError
from ipt_desktop.services.exchange_schema import client_record_to_document, parse_client_document
from ipt_desktop.services.practice import Practice
from ipt_desktop.store import repository
from ipt_desktop.store.audit import append_event

log = logging.getLogger(__name__)


def import_client(practice: Practice, *, data: dict, replace: bool = False) -> tuple[str, Changes]:
    """Validate ``data`` completely, then store the client with every episode atomically.

    Raises ValidationFailed (every problem, with JSON paths) and ClientExistsError when the
    client id is already in the practice and ``replace`` is False. Returns the client id.
    """
    record = parse_client_document(data)
    return store_client_record(practice, record=record, replace=replace), Changes.of(record.client.id, "all")


def store_client_record(practice: Practice, *, record: ClientRecord, replace: bool = False) -> str:
    """Write an already-validated record (import and the demo data share this)."""
    scores = {m.id: _total_and_risk(m.instrument, m.items) for e in record.episodes for m in e.measures}
    client_id = record.client.id
    try:
        with practice.transaction() as tx:
            existing = repository.get_client(tx, client_id)
            if existing is not None and not replace:
                raise ClientExistsError(
                    f"{existing.full_name} (id {client_id}) is already in this practice; nothing was "
                    f"imported. Replace the existing client to import this file anyway.", client_id)
            repository.replace_client_record(tx, record, scores=scores)
    except Exception as exc:
        # A record id (episode, session, …) already used by ANOTHER client: the database refuses it
        # and the transaction has rolled back. SQL errors stay in store/, so match on the message.
        if type(exc).__name__ == "IntegrityError" and "unique" in str(exc).lower():
            log.info("import refused: a record id in the file is already used by another client")
            raise ValidationFailed([FieldError(
                "episodes", "some record ids in this file are already used by another client in this "
                            "practice; remove the \"id\" fields from the episodes and their contents to "
                            "import them as new records")]) from None
        raise
    log.info("imported a client record (%d episode(s), replace=%s)", len(record.episodes), replace)
    return client_id


def _total_and_risk(instrument: str, items: tuple[int, ...]) -> tuple[int, bool]:
    result = score(instrument, items)
    return result.total, result.risk


def export_client(practice: Practice, *, client_id: str) -> dict[str, Any]:
    """The client as an exchange document (every field, ids included); audited as "export"."""
    with practice.transaction() as tx:
        record = repository.load_client_record(tx, client_id)
        if record is None:
            raise NotFoundError(f"There is no client with id {client_id} in this practice.")
        append_event(tx, action="export", entity="client", entity_id=client_id, client_id=client_id)
    return client_record_to_document(record)
