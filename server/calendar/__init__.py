"""Every State's treaty calendar: its status on any date, its treaty actions, when the Convention
entered into force for it, and its due dates; across States, a calendar (CSV, iCalendar), a map of
States by status and a timeline of due dates. Read from the store once per process (the data
never changes while it runs)."""

from .routes import bp

__all__ = ["bp"]
