"""Fictional demo clients so a new user (and the screenshots) see a realistic practice.

Each client has a fixed id, so running the demo twice does not duplicate anyone; dates are
relative to today so the demo always looks current. They are imported through the same
validation as a user's file, which also keeps the demo data honest.
"""

from __future__ import annotations

import datetime as _dt

from ipt_desktop.domain.records import PracticeProfile
from ipt_desktop.services.changes import NOTHING, Changes
from ipt_desktop.services.demo_data import MODULES
from ipt_desktop.services.exchange_schema import parse_client_document
from ipt_desktop.services.exchange import store_client_record
from ipt_desktop.services.practice import Practice
from ipt_desktop.store import repository

DEMO_PROFILE = PracticeProfile(
    therapist_name="Dr Zoë Example", credentials="DClinPsy, accredited IPT practitioner",
    practice_name="Riverside IPT Practice (demo)", address="1 Example Street, Exampletown EX1 1AA",
    phone="01632 960000", licence_number="DEMO-0000", page_size="A4")

DEMO_CLIENT_IDS = tuple(module.CLIENT_ID for module in MODULES)


def demo_documents(today: _dt.date | None = None) -> list[dict]:
    """The demo clients as exchange-format documents, dated relative to ``today``."""
    today = today or _dt.date.today()
    return [module.build(today) for module in MODULES]


def add_demo_clients(practice: Practice, *, today: _dt.date | None = None) -> Changes:
    """Add every demo client not already in the practice. Returns which clients were added."""
    with practice.reading() as session:
        present = {cid for cid in DEMO_CLIENT_IDS if repository.get_client(session, cid) is not None}
    changes = NOTHING
    for document in demo_documents(today):
        if document["client"]["id"] in present:
            continue
        record = parse_client_document(document)
        store_client_record(practice, record=record)
        changes = changes | Changes.of(record.client.id, "all")
    return changes
