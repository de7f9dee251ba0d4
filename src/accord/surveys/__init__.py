"""The post-onboarding survey (CSAT and a comment, answered through a signed link) and the close of
onboarding.
"""
