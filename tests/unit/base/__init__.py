"""Tests of ros/base: settings, language, formats, markup, options."""
