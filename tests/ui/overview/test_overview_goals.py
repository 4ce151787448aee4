"""Goals on the Overview tab: the model, adding, rating (first → latest) and removing."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtTest import QAbstractItemModelTester

from ipt_desktop.domain.records import Goal, GoalRating
from ipt_desktop.ui.overview.goals_model import COL_AREA, COL_PROGRESS, OBJECT_ROLE, GoalsModel


def test_goals_model_passes_the_qt_model_tester(qtbot):
    model = GoalsModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    goals = (Goal("g2", "See friends weekly", "interpersonal_deficits", position=1,
                  ratings=(GoalRating("2026-10-01", 6), GoalRating("2026-09-07", 2))),
             Goal("g1", "Talk with Alex about the move", "role_dispute", position=0))
    model.set_rows(goals)
    assert model.rowCount() == 2
    assert model.index(0, 1).data() == "Talk with Alex about the move"  # by position
    assert model.index(1, COL_PROGRESS).data() == "2 \u2192 6"  # first → latest by date
    assert model.index(0, COL_PROGRESS).data() == "\u2014"
    assert model.index(1, COL_AREA).data() == "Interpersonal deficits"
    assert model.index(1, 0).data(OBJECT_ROLE).id == "g2"
    model.set_rows(())
    assert model.rowCount() == 0


def test_add_and_rate_a_goal_is_stored(qtbot, ctx, tab, client_with_episode, stored_episode, answer_next_dialog):
    client, _ = client_with_episode

    def add(dialog) -> None:
        dialog.area.setCurrentIndex(dialog.area.findData("role_transition"))
        dialog.description.setText("Join one local group")
        dialog.accept()

    answer_next_dialog(qtbot, add)
    tab.goals.add_button.click()
    goal = stored_episode(client.id).goals[0]
    assert (goal.description, goal.problem_area) == ("Join one local group", "role_transition")
    assert tab.goals.selected_goal().id == goal.id  # the new goal is selected, ready to rate

    for day, value in ((QDate(2026, 9, 7), 2), (QDate(2026, 10, 12), 7)):
        def rate(dialog, day=day, value=value) -> None:
            dialog.date.setDate(day)
            dialog.value.setValue(value)
            dialog.accept()

        answer_next_dialog(qtbot, rate)
        tab.goals.rate_button.click()

    ratings = stored_episode(client.id).goals[0].ratings
    assert sorted((r.date, r.value) for r in ratings) == [("2026-09-07", 2), ("2026-10-12", 7)]
    assert tab.goals.model.index(0, COL_PROGRESS).data() == "2 \u2192 7"
    assert tab.goals.selected_goal().id == goal.id  # selection kept across refreshes


def test_an_empty_goal_is_refused_beside_the_field(qtbot, ctx, tab, client_with_episode, stored_episode, answer_next_dialog):
    client, _ = client_with_episode
    messages: list[str] = []

    def add(dialog) -> None:
        dialog.accept()
        messages.append(dialog.error_labels["description"].text())
        dialog.reject()

    answer_next_dialog(qtbot, add)
    tab.goals.add_button.click()
    assert messages == ["Describe the goal."]
    assert stored_episode(client.id).goals == ()


def test_edit_and_remove_a_goal(qtbot, ctx, tab, client_with_episode, stored_episode, answer_next_dialog):
    from ipt_desktop.services import goals as goal_service

    client, episode = client_with_episode
    goal, changes = goal_service.add_goal(ctx.practice, episode_id=episode.id, description="Sleep by 11")
    ctx.hub.changed.emit(changes)
    tab.goals.select_goal(goal.id)

    def edit(dialog) -> None:
        dialog.description.setText("Sleep by 11 on weeknights")
        dialog.accept()

    answer_next_dialog(qtbot, edit)
    tab.goals.edit_button.click()
    assert stored_episode(client.id).goals[0].description == "Sleep by 11 on weeknights"

    ctx.interaction.confirm_answers = [True]
    tab.goals.select_goal(goal.id)
    tab.goals.remove_button.click()
    assert stored_episode(client.id).goals == ()
    assert tab.goals.model.rowCount() == 0
