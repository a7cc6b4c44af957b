"""Tests of ros/api: the parts of the HTTP API that need no server."""
