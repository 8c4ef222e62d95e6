"""Cross-check of a bundled NHS model (models/*.json) against its Python prototype.

The prototype (model_a.py / model_b.py) is an independent, literal Euler implementation of the same design.
This script runs it at the JSON model's own dt, takes every prototype value that has a
counterpart in the model (names-a.json / names-b.json map prototype names to model names), and compares it
with the engine's CSV output element by element at every time the CSV holds (any --save-period).

    sim run models/hospital-to-community.json --output a.csv
    python3 crosscheck.py a a.csv
    sim run models/illness-to-prevention.json --output b.csv
    python3 crosscheck.py b b.csv [--write-expected ../../../models/expected/illness-to-prevention.csv]
    sim run models/hospital-to-community.json --output dn.csv --set "Capacity plan share=0"
    python3 crosscheck.py a dn.csv --set "Capacity plan share=0"
    (--set takes scalar inputs and single quintiles of inputs by IMD, "Name[Q1]=0.6", the engine's --set syntax)

The error of an element is |engine - prototype| / max(largest |prototype| of that element over the run, 1e-12), and 0
when |engine - prototype| < 1e-13 (rounding of a value that is zero analytically).
Exit code 0 when every compared element agrees within --tolerance (default 1e-9), 1 otherwise.
With --write-expected FILE, the prototype's values of the KPI columns listed in kpi-columns-X.txt are
written as the bundled-model expected output (so the engine's regression test compares against this
independent implementation, not against itself).
"""
import argparse
import csv
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

MODELS = {
    "a": ("model_a", "hospital-to-community", ["0-17", "18-44", "45-64", "65-74", "75-84", "85+"]),
    "b": ("model_b", "illness-to-prevention", ["18-39", "40-54", "55-64", "65-74", "75-84", "85+"]),
}
IMD = ["Q1", "Q2", "Q3", "Q4", "Q5"]


def columns_of(name, value, ages):
    """Engine column names and prototype values of one prototype variable (None when it has no counterpart)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, list)):
        return None
    if isinstance(value, (int, float)):
        return [(name, float(value))]
    if len(value) == 0 or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in value):
        return None
    if len(value) == len(ages) * len(IMD):
        return [("%s[%s,%s]" % (name, a, q), float(value[i * len(IMD) + j]))
                for i, a in enumerate(ages) for j, q in enumerate(IMD)]
    if len(value) == len(ages):
        return [("%s[%s]" % (name, a), float(v)) for a, v in zip(ages, value)]
    if len(value) == len(IMD):
        return [("%s[%s]" % (name, q), float(v)) for q, v in zip(IMD, value)]
    return None


def derived_a(module, v):
    """Model values that are sums of prototype values the prototype keeps no name for."""
    adm_q = [sum(v["admission_demand"][k] for k in range(module.N) if module.KQ[k] == q) for q in range(module.NQ)]
    pop_q = [sum(v["Population"][k] for k in range(module.N) if module.KQ[k] == q) for q in range(module.NQ)]
    out = {"Emergency admissions per day": sum(v["admission_demand"]),
           "Discharges P2 per day": sum(v["p2_discharges"]), "Virtual ward capacity per 100k adults": v["VW_capacity"] / v["adult_population"] * 1e5}
    for q, name in enumerate(IMD):
        out["Emergency admissions per 1000 per year by IMD[%s]" % name] = adm_q[q] * 365 / pop_q[q] * 1000
    for j, plan in enumerate(["Emergency demand", "Bed days", "Care homes"]):
        out["Plan demand index[%s]" % plan] = v["plan_demand_index"][j]
        out["Capacity plan index[%s]" % plan] = v["cap_index"][j]
        out["Capacity plan growth rate[%s]" % plan] = v["cap_growth"][j]
    return out


def derived_b(module, v):
    le_q1, le_q5, gap = module.life_expectancy_gap(v["deaths"], v["Pop"])
    out = {"Life expectancy at 18 by IMD[Q1]": le_q1, "Life expectancy at 18 by IMD[Q5]": le_q5, "Life expectancy gap Q5 Q1": gap}
    for q, name in enumerate(IMD):
        cells = [k for k in range(module.N) if module.KQ[k] == q]
        pop = sum(v["Pop"][k] for k in cells)
        out["Smoking prevalence by IMD[%s]" % name] = sum(v["S_cur"][k] + v["S_quit"][k] for k in cells) / pop
        out["T2D prevalence by IMD[%s]" % name] = sum(v["t2d_all"][k] for k in cells) / pop
        out["First CVD events per 100k by IMD[%s]" % name] = sum(v["first_mi"][k] + v["first_stroke"][k] + v["first_hf"][k] for k in cells) / pop * 1e5
        out["Death rate per 1000 by IMD[%s]" % name] = sum(v["deaths"][k] for k in cells) / pop * 1000
    return out


DERIVED = {"a": derived_a, "b": derived_b}


def resolve(values, path):
    """A prototype value by path: 'x' (a variable), 'rr_bp/mi' (dict key), 'b_age/1/0' (list index),
    'g_deaths/*/2' (item 2 of every cell's list)."""
    parts = path.split("/")
    if parts[0] not in values:
        return None
    value = values[parts[0]]
    for i, part in enumerate(parts[1:], 1):
        if part == "*":
            rest = "/".join(parts[i + 1:])
            return [resolve({"x": row}, "x/" + rest) if rest else row for row in value]
        if isinstance(value, dict):
            if part not in value:
                return None
            value = value[part]
        else:
            value = value[int(part)]
    return value


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model", choices=sorted(MODELS))
    ap.add_argument("engine_csv")
    ap.add_argument("--tolerance", type=float, default=1e-9)
    ap.add_argument("--write-expected")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="a scalar input, named as the model names it, for both runs (give the engine the same --set)")
    args = ap.parse_args()
    module_name, model_file, ages = MODELS[args.model]
    module = __import__(module_name)
    names = json.load(open(os.path.join(HERE, "names-%s.json" % args.model)))
    params = {}
    for assignment in args.set:
        name, _, value = assignment.partition("=")
        name, _, element = name.strip().rstrip("]").partition("[")
        python = [py for py, model_name in names.items() if model_name == name.strip() and "/" not in py]
        if len(python) != 1:
            sys.exit("--set %s: no prototype input of that name" % name)
        if element:   # one quintile of an input by IMD, e.g. "Weight management uptake by IMD[Q1]=0.6"
            values = params.setdefault(python[0], list(module.base_params()[python[0]]))
            values[IMD.index(element.strip())] = float(value)
        else:
            params[python[0]] = float(value)
    model_path = os.path.join(HERE, "..", "..", "..", "models", model_file + ".json")
    time = json.load(open(model_path))["time"]
    dt = float(time["dt"])
    with open(args.engine_csv, newline="") as fh:
        rows = list(csv.reader(fh))
    header, data = rows[0], rows[1:]
    index = {c: i for i, c in enumerate(header)}
    steps = [int(round((float(r[0]) - time["start"]) / dt)) for r in data]
    wanted = set(steps)
    years = (time["stop"] - time["start"]) / (365.0 if args.model == "a" else 1.0)

    proto = {}        # engine column -> {step: value}

    def trace(step, t, values):
        if step not in wanted:
            return
        merged = dict(values)
        merged.update({k: v for k, v in values.get("p", {}).items() if k not in merged})
        for py, model_name in names.items():
            value = resolve(merged, py)
            if value is not None:
                cols = columns_of(model_name, value, ages)
                if cols:
                    for col, v in cols:
                        proto.setdefault(col, {})[step] = v

    derived = DERIVED[args.model]

    def trace_all(step, t, values):
        trace(step, t, values)
        if step in wanted:
            for col, v in derived(module, values).items():
                proto.setdefault(col, {})[step] = v

    module.run(params=params, years=years, dt=dt, trace=trace_all)


    worst, compared, missing = {}, 0, []
    for col, series in sorted(proto.items()):
        if col not in index and "," in col:
            # the prototype keeps some per-age values in every cell; the model has them by age only
            col_by_age = col.split(",")[0] + "]"
            if col_by_age in index:
                index[col] = index[col_by_age]
        if col not in index:
            missing.append(col)
            continue
        scale = max(max(abs(v) for v in series.values()), 1e-12)
        for r, step in zip(data, steps):
            if step not in series:
                continue
            engine = float(r[index[col]])
            diff = abs(engine - series[step])
            # a difference below 1e-13 in absolute terms is rounding of a value that is zero analytically (e.g. a
            # release flow at equilibrium): relative to its own tiny largest value it would look large
            err = (0.0 if diff < 1e-13 else diff / scale) if math.isfinite(engine) else math.inf
            var = col.split("[")[0]
            if err > worst.get(var, (-1.0, ""))[0]:
                worst[var] = (err, col, r[0], engine, series[step])
            compared += 1
    if missing:
        print("prototype values without an engine column:", ", ".join(missing[:20]), "..." if len(missing) > 20 else "")
    uncompared = sorted({c.split("[")[0] for c in header[1:]} - set(worst))
    print("model variables without a prototype counterpart (%d): %s" % (len(uncompared), ", ".join(uncompared)))
    bad = {v: w for v, w in worst.items() if w[0] > args.tolerance}
    print("compared %d values of %d variables (%d elements) at %d saved times" %
          (compared, len(worst), len([c for c in proto if c in index]), len(data)))
    top = sorted(worst.items(), key=lambda kv: -kv[1][0])[:10]
    for var, (err, col, t, e, p) in top:
        print("  %-60s %.2e  (%s at t=%s: engine %.17g, prototype %.17g)" % (var, err, col, t, e, p))
    overall = max(w[0] for w in worst.values())
    print("largest relative difference: %.3g; tolerance %.0e: %s" % (overall, args.tolerance, "agree" if not bad else "DISAGREE"))

    if args.write_expected:
        kpis = [l.strip() for l in open(os.path.join(HERE, "kpi-columns-%s.txt" % args.model)) if l.strip() and not l.startswith("#")]
        with open(args.write_expected, "w", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["Time"] + kpis)
            for r, step in zip(data, steps):
                w.writerow([r[0]] + [repr(proto[k][step]) for k in kpis])
        print("wrote", args.write_expected)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
