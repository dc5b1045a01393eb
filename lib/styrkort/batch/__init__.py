"""Many reports: planning a run, local and Dask workers with warm kernels, progress, the output
folder's lock and signals."""
