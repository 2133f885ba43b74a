"""Scale: the process pool on one machine (pool.py) and Ray beyond it.

For Ray, `shards` finds JSON Lines and Parquet shards and cuts them into pieces,
`parquet` is the output layout (articles and events as Parquet files, and how
`newsledger load` brings them into a ledger), and `ray_batch` maps the same per-article
extraction over the pieces with Ray Data, on this machine or on a cluster. Ray and
pyarrow come with the optional `ray` extra; only these modules import them.
"""
