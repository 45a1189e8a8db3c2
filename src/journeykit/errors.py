"""Errors that stop a command before it can do its job: printed as one line, exit 2."""


class UsageError(Exception):
    """A bad option, path or configuration; the message says which."""
