# For scale beside `dist -p 4 -e 'nworkers()'`: a CPython process that starts a
# multiprocessing Pool of 4 and gets one answer from each worker. Scripts/bench times the
# whole process from outside, as it does dist's.
import multiprocessing
import os


def pid(_):
    return os.getpid()


if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        print(len(pool.map(pid, range(4), chunksize=1)))
