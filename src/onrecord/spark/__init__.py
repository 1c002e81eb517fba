"""Extraction on Apache Spark (the optional `onrecord[spark]` extra).

`inputs` and `partition` import without pyspark: executors run `partition.extract_partition`, the
same batch extraction the laptop path uses; only `job.run_spark` needs pyspark.
"""
