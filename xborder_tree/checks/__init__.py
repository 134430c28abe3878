"""Content checks beyond loading: official citations, learner text, one question one key
across trees, facts given on the command line, and what is due for review.
"""
