"""Errors that stop a command before it can do its job. `cli.main` prints each as one line and
exits with its code (2); problems in maps are never errors, they are findings."""

from __future__ import annotations


class JourneykitError(Exception):
    """The command could not do its job; the message says what and where."""

    exit_code = 2


class UsageError(JourneykitError):
    """A bad option or path."""


class ConfigError(JourneykitError):
    """The configuration cannot be used."""


class OutputError(JourneykitError):
    """An output file or stream cannot be written (a directory, no permission, a full disk)."""


class ToolMissingError(JourneykitError):
    """A program or an optional extra that the command needs is not installed; the message says how to install it."""


class ToolFailedError(JourneykitError):
    """A program the command runs (Graphviz's dot) failed or took too long."""


class TemplateError(JourneykitError):
    """A report template could not be loaded or rendered."""
