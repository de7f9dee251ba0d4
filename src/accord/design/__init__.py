"""The need statements, the decision tree, discovery sessions, design reviews (BDR, TDR) with their
flows and mappings, the sequence diagram and the integration overview slide of a project.
"""
