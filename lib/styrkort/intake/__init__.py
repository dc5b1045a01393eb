"""What units and the finance office send: Excel templates out, filled templates, tables and the
ledger in, into the data folder's store."""
