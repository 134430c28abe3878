"""Training: scenario files, quiz sets and quiz sessions, "why not?" and one situation
run through every tree.
"""
