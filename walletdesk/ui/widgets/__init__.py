"""Reusable widgets that paint or behave, without knowing about controllers."""
