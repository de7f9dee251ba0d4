"""Shell machinery every app may use, below all of them in the layers: ids in addresses and forms."""
