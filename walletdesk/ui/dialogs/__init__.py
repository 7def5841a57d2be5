"""Dialogs: each lays out its fields; presenters decide what they do."""
