"""Which of the breakpoints reached at a line fire (bdb.effective's question): each
one's condition and hit count decide; a logpoint logs its message and never stops; a
breakpoint whose condition raises fires, so that the program stops there and says why."""

from .conditions import ConditionFailed


def effective(frame, reached, log):
    """(ids, problems): the ids of the breakpoints in reached (a line breakpoint and
    the function breakpoints entered) that stop at frame, and the texts of the
    conditions among them that raised. log(body) sends a logpoint's output event."""
    ids, problems = [], []
    for candidate in reached:
        trigger = candidate.trigger
        if trigger is not None:
            try:
                if not trigger.fires(frame):
                    continue
            except ConditionFailed as failed:
                problems.append(str(failed))
                ids.append(candidate.id)
                continue
        message = getattr(candidate, "log", None)
        if message is not None:
            log(message.output_event(frame))
        else:
            ids.append(candidate.id)
    return ids, problems
