"""Text rendering and HTML reports."""
