"""The language a person most likely reads, from the environment."""

from __future__ import annotations

import locale
import os


def locale_lang() -> str:
    """`ja` when DLTUTOR_LANG or the locale says Japanese, else `en`."""
    env = os.environ.get("DLTUTOR_LANG") or os.environ.get("LC_ALL") or os.environ.get("LANG")
    env = env or (locale.getlocale()[0] or "")
    return "ja" if env.lower().startswith("ja") else "en"
