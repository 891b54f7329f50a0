"""Fatal problems: the ones that stop a whole run rather than describe one file.

Findings about a record are :class:`~convert.diagnostics.Diagnostic` values. These exceptions are
for a broken schema, configuration or plugin, where going on would give meaningless results. Only
the command line turns them into messages and exit code 2.
"""

from __future__ import annotations


class ConvertError(Exception):
    """Base class of every fatal article-convert error."""


class ConfigError(ConvertError):
    """The configuration file or a command-line option is invalid."""


class SchemaError(ConvertError):
    """A schema cannot be read or is not a valid JSON Schema."""


class PluginError(ConvertError):
    """A converter or rule plugin cannot be loaded or does not fit its interface."""


class ConverterError(ConvertError):
    """A converter cannot run with the options it was given."""
