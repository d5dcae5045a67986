"""Business steps: the only code that may change the fields recording a step.

A field declared with ``aftersales_step=True`` (a state, a step's date, who did it, an amount
approved) is written only while a business step runs: a method decorated with
``@business_step``, or code inside ``with step_scope(...)``. The marker lives in the server's
execution context, not in the request's context, so no client can forge it.
"""
import contextvars
import functools
from contextlib import contextmanager

_current_step = contextvars.ContextVar("aftersales_business_step", default=None)


@contextmanager
def step_scope(name):
    """Run the enclosed code as the business step ``name``."""
    token = _current_step.set(name)
    try:
        yield
    finally:
        _current_step.reset(token)


def business_step(method):
    """Decorate the named method of a step: the step fields it writes are accepted."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with step_scope(f"{self._name}.{method.__name__}"):
            return method(self, *args, **kwargs)

    return wrapper


def current_step():
    """The name of the business step running now, or None."""
    return _current_step.get()
