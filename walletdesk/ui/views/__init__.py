"""Widgets that lay out a screen; what they do when used lives in ``ui.presenters``."""
