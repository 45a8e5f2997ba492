"""Tests for core.warden."""
