"""Helpers and stand-ins the tests import: AppTest runs, a real server and browser waits, CBS and PostgreSQL."""
