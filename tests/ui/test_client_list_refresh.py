"""After a save only the changed client's row is re-read and redrawn (no model reset), and the
list still shows exactly what a full reload would; anything structural reloads."""

from __future__ import annotations

import dataclasses

from ipt_desktop.services.changes import Changes
from ipt_desktop.services.clients import create_client, list_clients
from ipt_desktop.services.episodes import start_episode
from ipt_desktop.services.measures import record_measure
from ipt_desktop.ui.client_list.model import MEASURE, ClientListModel


def test_update_rows_replaces_in_place_and_refuses_structural_changes(qtbot, practice):
    create_client(practice, first_name="Ana", last_name="Fictional")
    create_client(practice, first_name="Ben", last_name="Example")
    model = ClientListModel()
    model.set_rows(list_clients(practice))
    row = model.row_of(model.client_ids()[0])
    changed = dataclasses.replace(model._rows[row],
                                  latest_instrument="phq9", latest_total=12)
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        assert model.update_rows([changed])
    assert model.index(row, MEASURE).data().startswith("PHQ-9 12")
    renamed = dataclasses.replace(changed, last_name="Renamed")
    assert not model.update_rows([renamed])  # would move in the order: the caller reloads
    stranger = dataclasses.replace(changed, id="not-listed")
    assert not model.update_rows([stranger])


def test_window_refreshes_only_the_saved_clients_row(qtbot, window, demo_ctx):
    practice = demo_ctx.practice
    client, _ = create_client(practice, first_name="Zed", last_name="Fictional")
    episode, changes = start_episode(practice, client_id=client.id, protocol="ipt-16", start_date="2026-09-07")
    demo_ctx.hub.changed.emit(changes)  # a new client: full reload
    model = window.client_list.model
    row = model.row_of(client.id)
    assert row >= 0
    _, saved = record_measure(practice, episode_id=episode.id, instrument="phq9", administered_on="2026-09-07",
                              items=[2, 2, 2, 2, 1, 1, 1, 1, 0], session_number=1)
    with qtbot.assertNotEmitted(model.modelReset):
        demo_ctx.hub.changed.emit(saved)
    assert model.index(row, MEASURE).data().startswith("PHQ-9 12")
    # Same rows as a full reload would give.
    full = {s.id: s for s in list_clients(practice)}
    assert all(full[cid] == model._rows[model.row_of(cid)] for cid in model.client_ids())


def test_a_change_without_client_ids_reloads_everything(qtbot, window, demo_ctx):
    model = window.client_list.model
    with qtbot.waitSignal(model.modelReset, raising=False, timeout=100):
        demo_ctx.hub.changed.emit(Changes.of(None, "all"))
    assert model.rowCount() == len(list_clients(demo_ctx.practice))
