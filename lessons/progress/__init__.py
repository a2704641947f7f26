"""Progress: a SQLite store of lessons read, answers, review cards, lab runs and settings."""

from dltutor.lessons.progress.store import Answer, ProgressError, ProgressStore, default_path

__all__ = ["Answer", "ProgressError", "ProgressStore", "default_path"]
