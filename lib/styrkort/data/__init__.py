"""The data: its contract, the one reader of its tables, the intake store, periods, statuses,
numbers and the errors a user reads. The bottom layer: it imports nothing else of styrkort."""
