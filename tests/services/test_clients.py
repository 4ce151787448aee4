"""Client use cases on a real encrypted practice: create, list, read, edit, and refusals."""

from __future__ import annotations

import dataclasses

import pytest

from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.services.clients import create_client, get_client_record, list_clients, update_client
from ipt_desktop.services.errors import NotFoundError


def test_create_persists_every_field(practice, reopen):
    client, changes = create_client(
        practice, first_name=" Zoë ", last_name="Łukasiewicz", preferred_name="Zo", date_of_birth="1990-05-17",
        pronouns="she/her", phone="07700 900001", email="zoe@example.org", emergency_contact="Piotr (brother)",
        referral_source="GP", notes="Prefers mornings.")
    assert changes.client_ids == {client.id} and changes.touches("client")
    assert client.first_name == "Zoë" and client.status == "active"
    record = get_client_record(reopen(), client_id=client.id)
    assert record.client == client and record.episodes == ()


def test_blank_optional_fields_are_stored_as_none(practice):
    client, _ = create_client(practice, first_name="Ana", last_name="Ruiz", phone="  ", email="")
    stored = get_client_record(practice, client_id=client.id).client
    assert stored.phone is None and stored.email is None


def test_invalid_fields_are_named_and_nothing_is_stored(practice):
    with pytest.raises(ValidationFailed) as caught:
        create_client(practice, first_name="", last_name="Ruiz", date_of_birth="17/05/1990")
    assert {e.path for e in caught.value.errors} == {"first_name", "date_of_birth"}
    assert list_clients(practice) == []


def test_list_filters_by_status_and_sorts_by_name(practice):
    b, _ = create_client(practice, first_name="Bea", last_name="Zubizarreta")
    a, _ = create_client(practice, first_name="Ana", last_name="Álvarez")
    update_client(practice, client=dataclasses.replace(b, status="discharged"))
    assert [r.id for r in list_clients(practice)] == [a.id, b.id]
    assert [r.id for r in list_clients(practice, status="active")] == [a.id]
    assert [r.id for r in list_clients(practice, status="discharged")] == [b.id]
    with pytest.raises(ValidationFailed):
        list_clients(practice, status="everyone")


def test_update_persists_and_validates(practice, reopen, client):
    changed = dataclasses.replace(client, notes="Moved house.", status="archived", pronouns="they/them")
    assert update_client(practice, client=changed).client_ids == {client.id}
    with pytest.raises(ValidationFailed) as caught:
        update_client(practice, client=dataclasses.replace(client, status="gone"))
    assert caught.value.first.path == "status"
    assert get_client_record(reopen(), client_id=client.id).client == changed


def test_unknown_client(practice, client):
    with pytest.raises(NotFoundError):
        get_client_record(practice, client_id="no-such-id")
    with pytest.raises(NotFoundError):
        update_client(practice, client=dataclasses.replace(client, id="no-such-id"))
