"""Reusable pieces of the app: fields bound to the case, inline errors, tables, charts."""
