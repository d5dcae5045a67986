"""Limits of what people type in short text fields (plates, phone numbers, names of jobs)."""
from odoo.exceptions import ValidationError


def check_text_lengths(records, limits):
    """Refuse a text longer than its field's limit, or made of blanks only where one is required.

    ``limits`` maps field names to their largest number of characters. A pasted page of text
    would otherwise be stored whole, or silently cut by a ``size=``; the user is told instead.
    The message names the field, not the record: its name may be the very text refused.
    """
    env = records.env
    for record in records:
        for name, limit in limits.items():
            value = record[name]
            if not value:
                continue
            field = records._fields[name]
            if not value.strip():
                if field.required:
                    raise ValidationError(env._(
                        "%(field)s holds only spaces: fill it in.", field=field._description_string(env)
                    ))
                continue
            if len(value) > limit:
                raise ValidationError(env._(
                    "%(field)s is too long: %(count)s characters where at most %(limit)s are accepted. "
                    "Check what was typed or pasted.",
                    field=field._description_string(env), count=len(value), limit=limit,
                ))
