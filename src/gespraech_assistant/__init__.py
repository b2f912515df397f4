"""Gesprächs-Assistent: prepare, rehearse and follow up networking conversations."""

__version__ = "0.1.0"
