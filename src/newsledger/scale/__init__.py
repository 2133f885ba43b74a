"""Scale: the process pool on one machine (pool.py) and Ray beyond it."""
