"""The GUI's logic: what happens when the user acts, kept out of the ``*_view`` layout code."""
