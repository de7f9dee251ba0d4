"""Design outputs: the decision tree file, the sequence diagram (Mermaid and SVG), the overview slide."""
