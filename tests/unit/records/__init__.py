"""Tests of ros/records: scenarios, roles, audit and the store on SQLite and PostgreSQL."""
