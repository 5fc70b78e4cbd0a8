"""The networkx peer for bench/engine-networkx.ts: criticality by dominator tree, files in, ranking out.

usage: networkx_criticality.py assets.csv dependencies.csv ranking.csv
Reads the assets (id,name,sector,population_served) and their dependencies (dependent_id,
supplier_id,service; each asset needs any one of its suppliers), builds the supply DiGraph
(supplier -> dependent) with a virtual root above the assets that have no supplier, runs
networkx.immediate_dominators, sums the dominator subtrees (assets and population) and writes the
ranking (most critical first: assets, then population, descending, then id). Prints the seconds
spent from reading to writing on stdout.
"""

import csv
import sys
import time

import networkx as nx

ROOT = "\0root"


def main(assets_path: str, dependencies_path: str, ranking_path: str) -> None:
    started = time.perf_counter()
    population: dict[str, float] = {}
    with open(assets_path, newline="") as file:
        for row in csv.DictReader(file):
            population[row["id"]] = float(row["population_served"] or 0)
    graph = nx.DiGraph()
    graph.add_nodes_from(population)
    with open(dependencies_path, newline="") as file:
        graph.add_edges_from((row["supplier_id"], row["dependent_id"]) for row in csv.DictReader(file))
    graph.add_edges_from((ROOT, node) for node in population if graph.in_degree(node) == 0)

    idom = nx.immediate_dominators(graph, ROOT)
    children: dict[str, list[str]] = {}
    for node, parent in idom.items():
        if node != ROOT:
            children.setdefault(parent, []).append(node)
    order = [ROOT]  # parents before children
    for node in order:
        order.extend(children.get(node, ()))
    assets = dict.fromkeys(population, 1)
    people = dict(population)
    for node in reversed(order):
        parent = idom.get(node)
        if node != ROOT and parent != ROOT and parent is not None:
            assets[parent] += assets[node]
            people[parent] += people[node]

    ranking = sorted(population, key=lambda node: (-assets[node], -people[node], node))
    with open(ranking_path, "w", newline="") as file:
        out = csv.writer(file, lineterminator="\n")
        out.writerow(["id", "assets", "population"])
        out.writerows((node, assets[node], int(people[node])) for node in ranking)
    print(f"{time.perf_counter() - started:.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
