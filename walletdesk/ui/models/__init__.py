"""Qt item models behind the table views."""
