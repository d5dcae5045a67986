"""Scheduled actions that work in batches, each batch committed with Odoo's progress report.

A batch writes its effect (a message, an activity, a record) and its "done" marker (a date, a flag, the record
itself) in the same transaction, and the batch is committed with ``ir.cron._commit_progress``. So a run killed
in the middle keeps the batches already committed, loses the one under way as a whole, and the next run, which
looks again for what is not done, takes only what is left: nothing twice, nothing lost.
"""

# Records per batch: one commit per batch keeps each transaction short and what a kill loses small.
BATCH_SIZE = 200


def process_in_batches(records, process, size=None):
    """Run ``process(batch)`` on ``records`` batch by batch; return the records processed.

    ``process`` writes each batch's effect and its done marker. In a scheduled run, every batch is committed
    with the progress made and what remains; when the run's time is up, the rest is left to the scheduler,
    which calls the job again at once (Odoo's partially done job). Outside a scheduled run (a button, a test)
    nothing is committed: the caller's transaction holds everything.
    """
    size = size or BATCH_SIZE
    env = records.env
    scheduled = bool(env.context.get("cron_id"))  # the scheduler's job: progress reported, batches committed
    done = records.browse()
    for start in range(0, len(records), size):
        batch = records[start:start + size]
        process(batch)
        done |= batch
        if scheduled and not env["ir.cron"]._commit_progress(len(batch), remaining=len(records) - len(done)):
            break
    return done
