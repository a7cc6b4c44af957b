"""Unit tests, one folder per layer of ros/."""
