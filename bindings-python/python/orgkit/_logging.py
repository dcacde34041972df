"""orgkit's log events into the standard ``logging`` logger ``orgkit``.

``ORGKIT_LOG=debug|info|warn`` (as ``OPENAI_LOG`` for openai-python) sets
that logger's level and gives it a stderr handler when it has none (else
it has a ``NullHandler``, so nothing prints until logging is configured): ``warn``
reports retries and failed calls, ``info`` adds every finished call,
``debug`` every attempt. Events name the operation, provider, method, host
and path, status, attempt, duration, retry reason and backoff; never a
query string, header, body or secret.
"""

from __future__ import annotations

import logging
import os

logger = logging.getLogger("orgkit")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warn": logging.WARNING}
_ORGKIT = {"debug": 0, "info": 1, "warn": 2}


def _setup_from_env() -> None:
    wanted = os.environ.get("ORGKIT_LOG", "").strip().lower()
    if wanted == "warning":
        wanted = "warn"
    if wanted not in _LEVELS:
        return
    logger.setLevel(_LEVELS[wanted])
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(name)s %(levelname)s: %(message)s"))
        logger.addHandler(handler)


class Sink:
    """What the native client logs through."""

    __slots__ = ()

    def level(self) -> int:
        """The lowest orgkit level the logger takes (0 debug, 1 info, 2 warn, 255 none)."""
        for name in ("debug", "info", "warn"):
            if logger.isEnabledFor(_LEVELS[name]):
                return _ORGKIT[name]
        return 255

    def emit(self, level: str, message: str, fields: dict[str, str]) -> None:
        text = " ".join([message, *(f"{k}={v}" for k, v in fields.items())])
        logger.log(_LEVELS.get(level, logging.INFO), text, extra={"orgkit": fields})


SINK = Sink()
_setup_from_env()
if not logger.handlers:
    # As the logging docs ask of a library: without it, a program that set
    # up no logging would get orgkit's warnings (a 404 it catches) on stderr
    # from logging's last-resort handler. Configured logging still gets them.
    logger.addHandler(logging.NullHandler())
