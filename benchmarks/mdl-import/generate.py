#!/usr/bin/env python3
"""Writes a Vensim model of N equations (default 10,000) for timing the .mdl reader: `sim check` on it.

The model is a set of independent sectors, each a small supply chain of the kinds of equation real models
have: levels with inflows and outflows, auxiliaries with IF THEN ELSE, MIN/MAX and SMOOTH, a lookup, a
subscripted level over a 5-element range with a number list, and documentation, units and ranges on every
record, in units that agree (sim check finds nothing to warn about). Deterministic: the same N gives the same
file.

    python3 benchmarks/mdl-import/generate.py 10000 > /tmp/big.mdl
"""
import sys

def sector(k):
    s = f"sector {k}"
    return [
        f"{s} stock = INTEG({s} inflow - {s} outflow, 100 + {k % 17})\n\t~\twidgets\n\t~\tThe widgets held in sector {k}.\n\t|",
        f"{s} inflow = {s} demand * {s} effect of stock({s} stock / {s} target)\n\t~\twidgets/Month\n\t~\tOrders arriving.\n\t|",
        f"{s} outflow = MIN({s} stock / {s} delay, {s} capacity)\n\t~\twidgets/Month\n\t~\tShipments, limited by capacity.\n\t|",
        f"{s} demand = {s} base demand * (1 + 0.1 * SIN(2 * 3.14159 * Time / 12)) + STEP({s} shock, 24)\n\t~\twidgets/Month\n\t~\t|",
        f"{s} base demand = {10 + k % 7}\n\t~\twidgets/Month [0, 50]\n\t~\tDemand before seasonality.\n\t|",
        f"{s} shock = {k % 5}\n\t~\twidgets/Month [0, 10]\n\t~\t|",
        f"{s} delay = {2 + k % 3}\n\t~\tMonth [1, 6]\n\t~\t|",
        f"{s} capacity = IF THEN ELSE({s} stock > {s} target, 40, 25)\n\t~\twidgets/Month\n\t~\t|",
        f"{s} target = 120\n\t~\twidgets [50, 200]\n\t~\t|",
        f"{s} effect of stock(\n\t[(0,0)-(2,2)],(0,1.5),(0.5,1.2),(1,1),(1.5,0.8),(2,0.6))\n\t~\tdmnl\n\t~\t|",
        f"{s} smoothed outflow = SMOOTH({s} outflow, 3)\n\t~\twidgets/Month\n\t~\t|",
        f"{s} coverage = ZIDZ({s} stock, {s} smoothed outflow)\n\t~\tMonth\n\t~\t|",
        f"{s} cohort[band] = INTEG({s} ageing in[band] - {s} ageing out[band], {s} cohort start[band])\n\t~\tpeople\n\t~\t|",
        f"{s} cohort start[band] = 10, 20, 30, 20, 10\n\t~\tpeople\n\t~\t|",
        f"{s} ageing in[band] = {s} cohort start[band] / {s} delay * 0.01\n\t~\tpeople/Month\n\t~\t|",
        f"{s} ageing out[band] = {s} cohort[band] / ({s} delay * 12)\n\t~\tpeople/Month\n\t~\t|",
        f"{s} total cohort = SUM({s} cohort[band!])\n\t~\tpeople\n\t~\t|",
        f"{s} pressure = MAX(0, {s} total cohort / SUM({s} cohort start[band!]) - 1) + {s} coverage / {s} delay / 10\n\t~\tdmnl\n\t~\t|",
        f"{s} report = {s} pressure * {s} smoothed outflow\n\t~\twidgets/Month\n\t~\t|",
        f"{s} cost = ({s} report * 2.5 + {s} outflow * 0.3) * {s} unit cost\n\t~\tGBP/Month\n\t~\t|",
        f"{s} unit cost = 4\n\t~\tGBP/widget [1, 10]\n\t~\t|",
    ]

def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    per = len(sector(0))
    out = ["{UTF-8}", "band: (b1-b5)\n\t~\t\n\t~\tAge bands.\n\t|"]
    for k in range((n + per - 1) // per):
        out.extend(sector(k))
    out.append("FINAL TIME = 60\n\t~\tMonth\n\t~\t|")
    out.append("INITIAL TIME = 0\n\t~\tMonth\n\t~\t|")
    out.append("SAVEPER = TIME STEP\n\t~\tMonth [0,?]\n\t~\t|")
    out.append("TIME STEP = 0.25\n\t~\tMonth [0,?]\n\t~\t|")
    out.append("\\\\\\---/// Sketch information - do not modify anything except names\nV300  Do not put anything below this section - it will be ignored\n*View 1\n///---\\\\\\")
    sys.stdout.write("\n\n".join(out) + "\n")

main()
