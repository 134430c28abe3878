"""Outputs a person reads or presents: the case summary (text, Markdown, HTML), the
outcome card, and PowerPoint decks.
"""
