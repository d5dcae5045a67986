from odoo.exceptions import LockError, UserError


def lock_records(records):
    """Hold the records' rows until the transaction ends: a step that must not run twice at once.

    A second session running a step on the same records at the same moment is refused at once, in the
    user's words, instead of waiting and doing the step a second time. Locked ``FOR NO KEY UPDATE``:
    other records may still point at them (moves, approvals, invoices of the order).
    """
    try:
        records.lock_for_update(allow_referencing=True)
    except LockError:
        raise UserError(records.env._(
            "%(records)s is being changed by another user right now: reload it and try again.",
            records=", ".join(records.mapped("display_name")),
        )) from None
