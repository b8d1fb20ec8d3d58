"""A dask.distributed task with a breakpoint, run by a worker process of a LocalCluster."""
from distributed import Client, LocalCluster


def square(x):
    squared = x * x  # @dask-stop
    return squared


if __name__ == "__main__":
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            print("result", client.submit(square, 7).result(), flush=True)
