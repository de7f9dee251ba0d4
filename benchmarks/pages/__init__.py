"""The page benchmark's pieces: settings and URLs for the server under test (with the raw-SQL
baseline views), and the bulk generator of a large workspace."""
