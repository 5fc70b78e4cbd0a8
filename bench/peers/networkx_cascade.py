"""The networkx peer for bench/engine-networkx.ts: a cascade, files in, failures out.

usage: networkx_cascade.py assets.csv dependencies.csv failures.csv ID[,ID...]
Reads the assets (id,name,sector,population_served) and their dependencies (dependent_id,
supplier_id,service[,k,buffer_hours]; the dependent needs k of the suppliers of each service, and
keeps running buffer_hours after it drops below k), builds the supply MultiDiGraph (supplier
-> dependent, the service on the edge) and runs the cascade from the assets attacked, in time order
with a heap: a group of n suppliers with rule k fails at its (n - k + 1)-th loss, its dependent
buffer hours later. Writes each failed asset and the hour it fails (id,hours, by hours then id) and
prints the seconds spent from reading to writing on stdout.
"""

import csv
import heapq
import sys
import time

import networkx as nx


def main(assets_path: str, dependencies_path: str, failures_path: str, attacked: str) -> None:
    started = time.perf_counter()
    population: dict[str, float] = {}
    with open(assets_path, newline="") as file:
        for row in csv.DictReader(file):
            population[row["id"]] = float(row["population_served"] or 0)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(population)
    groups: dict[tuple[str, str], list[float]] = {}  # (dependent, service) -> [n, k, buffer]
    with open(dependencies_path, newline="") as file:
        for row in csv.DictReader(file):
            dependent, service = row["dependent_id"], row["service"]
            graph.add_edge(row["supplier_id"], dependent, service=service)
            group = groups.setdefault(
                (dependent, service),
                [0, int(row.get("k") or 1), float(row.get("buffer_hours") or 0)],
            )
            group[0] += 1

    lost: dict[tuple[str, str], int] = {}
    best: dict[str, float] = {}
    failed: dict[str, float] = {}
    queue: list[tuple[float, str]] = []
    for asset in attacked.split(","):
        best[asset] = 0.0
        heapq.heappush(queue, (0.0, asset))
    while queue:
        hours, asset = heapq.heappop(queue)
        if asset in failed or best[asset] < hours:
            continue
        failed[asset] = hours
        for dependent, edges in graph.adj[asset].items():
            for edge in edges.values():
                key = (dependent, edge["service"])
                n, k, buffer = groups[key]
                lost[key] = lost.get(key, 0) + 1
                if lost[key] != n - k + 1 or dependent in failed:
                    continue
                at = hours + buffer
                if at < best.get(dependent, float("inf")):
                    best[dependent] = at
                    heapq.heappush(queue, (at, dependent))

    with open(failures_path, "w", newline="") as file:
        out = csv.writer(file, lineterminator="\n")
        out.writerow(["id", "hours"])
        out.writerows(sorted(failed.items(), key=lambda item: (item[1], item[0])))
    print(f"{time.perf_counter() - started:.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:5])
