"""Model A experiments: baseline vs sanity targets, scenario pack, direction checks, input-range checks,
uncertainty sweep.  Usage:
  python3 run_a.py baseline|scenarios|ranges [part nparts]|sweep N
Results are written as JSON under results/.
"""
import json
import os
import random
import sys
import time

import model_a

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
os.makedirs(OUT, exist_ok=True)

# ---------------- sanity targets (reference section 7) with tolerance ----------------
# (KPI, low, high, basis)
TARGETS_A = [
    ("Population 65+", 280e3 * 0.9, 280e3 * 1.1, "~280k (Census 2021 18.6%), +-10%"),
    ("Population 85+", 37e3 * 0.9, 37e3 * 1.1, "~37k (2.5%), +-10%"),
    ("Emergency admissions per year", 140e3, 170e3, "140k-170k/yr"),
    ("Emergency admissions per 1000", 95.0, 115.0, "95-115 per 1,000"),
    ("G&A beds", 2630 * 0.95, 2630 * 1.05, "~2,630, +-5%"),
    ("G&A beds occupied", 2420 * 0.98, 2500 * 1.02, "~2,420-2,500, +-2%"),
    ("G&A occupancy", 0.88, 0.96, "88-96% (reference parameter range)"),
    ("Non-elective bed days per year", 0.9e6 * 0.98, 0.95e6 * 1.02, "0.9-0.95m/yr, +-2%"),
    ("Average LOS (overnight)", 7.5, 9.5, "7.5-9.5 d, pick 8.5"),
    ("Average LOS 85+", 10.0, 13.0, "10-13 d"),
    ("NCTR per day", 320.0, 370.0, "~320-370/day"),
    ("Virtual ward beds", 240 * 0.9, 240 * 1.1, "~240 actual, +-10%"),
    ("UCR referrals per month", 1200.0, 1900.0, "~1,200-1,900/month"),
    ("Intermediate care starts per month", 3300 * 0.85, 3300 * 1.15, "~3,300/month, +-15%"),
    ("Intermediate care spend per year", 42e6 * 0.8, 42e6 * 1.2,
     "~42m/yr (NAIC 2017 prices), +-20% for the price-year gap"),
    ("Deaths per year", 13e3, 15e3, "~13-15k/yr"),
    ("Share of deaths in hospital", 0.44, 0.50, "~46% (44-50%)"),
    ("30-day emergency readmission %", 0.11, 0.16, "11-16%"),
    ("Community nursing contacts per year", 1.1e6 * 0.85, 1.1e6 * 1.15,
     "42.4m/yr England x 0.026 = 1.1m, +-15%"),
]

D1, D2, D3 = 0.0, 730.0, 1095.0
S_VW = {"vw_per_100k": [("ramp", 0.0, 730.0, 45.0)]}
S_UCR = {"ucr_per_100k": [("ramp", 0.0, 730.0, 200.0)]}
S_D2A = {"p3_share_mult": [("ramp", 90.0, 455.0, 0.5)], "p2_share_mult": [("ramp", 90.0, 455.0, 0.7)],
         "ic_home_capacity_growth": [("ramp", 90.0, 455.0, 0.25)], "p1_min_delay": [("ramp", 90.0, 455.0, 3.0)]}
S_COMB = dict(S_VW)
S_COMB.update(S_UCR)
S_COMB.update(S_D2A)
S_COMB["dn_workforce_growth"] = [("step", 0.0, 3.0)]
SCENARIOS_A = {
    "baseline": ({}, {}),
    "vw_45_per_100k": (S_VW, {}),
    "vw_45_per_100k_wwl_pessimistic": (S_VW, {"vw_day_cost": 935.0, "vw_substitution": 0.2, "bed_day_cost": 536.0}),
    "ucr_growth": (S_UCR, {}),
    "discharge_to_assess": (S_D2A, {}),
    "combined_package": (S_COMB, {}),
    "vw_decommissioned_year3": ({"vw_per_100k": [("step", 730.0, 0.0)]}, {}),
}

# expected direction vs baseline: +1 up, -1 down, 0 = not checked; (KPI, direction, years to check)
EXPECT_A = {
    "vw_45_per_100k": [("Emergency admissions per year", -1), ("Non-elective bed days per year", -1),
                       ("G&A occupancy", -1), ("NCTR per day", -1), ("Virtual ward beds", +1),
                       ("Cost virtual wards per year", +1), ("Cost acute per year", -1),
                       ("30-day emergency readmission %", +1),
                       ("Care home admissions 65+ per 100k 65+ (ASCOF 2A-like)", -1)],
    "vw_45_per_100k_wwl_pessimistic": [("Emergency admissions per year", -1), ("Non-elective bed days per year", -1),
                                       ("Cost total per year (health, excl. care homes)", +1)],
    "ucr_growth": [("Emergency admissions per year", -1), ("Non-elective bed days per year", -1),
                   ("G&A occupancy", -1), ("UCR referrals per month", +1), ("Cost UCR per year", +1)],
    "discharge_to_assess": [("NCTR per day", -1), ("Average LOS (overnight)", -1),
                            ("Non-elective bed days per year", -1), ("G&A occupancy", -1),
                            ("Discharges P3 per month", -1),
                            ("Care home admissions 65+ per 100k 65+ (ASCOF 2A-like)", -1),
                            ("IC step-down home starts per month", +1)],
    "combined_package": [("Emergency admissions per year", -1), ("Non-elective bed days per year", -1),
                         ("G&A occupancy", -1), ("NCTR per day", -1), ("Average LOS (overnight)", -1)],
    "vw_decommissioned_year3": [("Emergency admissions per year", +1), ("Non-elective bed days per year", +1),
                                ("G&A occupancy", +1), ("Virtual ward beds", -1),
                                ("Cost virtual wards per year", -1)],
}

REPORT_KPIS = ["Emergency admissions per year", "Emergency admissions per 1000", "Escalation beds open",
               "IMD Q1-Q5 gap in emergency admissions per 1000", "Non-elective bed days per year",
               "G&A occupancy", "Average LOS (overnight)", "NCTR per day", "Patients waiting in ED for a bed",
               "30-day emergency readmission %", "Virtual ward beds", "Virtual-ward occupancy",
               "UCR referrals per month", "Intermediate care starts per month",
               "Care home admissions 65+ per 100k 65+ (ASCOF 2A-like)", "Share of deaths in hospital",
               "Cost acute per year", "Cost virtual wards per year", "Cost UCR per year",
               "Cost total per year (health, excl. care homes)", "Cost total per year (incl. care homes)",
               "QALYs per year"]


def check_targets(annual):
    rows = []
    for name, lo, hi, basis in TARGETS_A:
        v = annual[name]
        rows.append((name, v, lo, hi, lo <= v <= hi, basis))
    return rows


def run_baseline():
    t0 = time.time()
    r = model_a.run()
    rows = check_targets(r["annual"][0])
    out = {"year1": r["annual"][0], "year2": r["annual"][1], "year10": r["annual"][9], "targets": rows,
           "min_stock": r["min_stock"], "conservation_error": r["conservation_error"], "seconds": time.time() - t0,
           "init": r["init"]}
    json.dump(out, open(os.path.join(OUT, "a_baseline.json"), "w"), indent=1)
    for row in rows:
        print("%-45s %14.4g  [%10.4g, %10.4g] %s" % (row[0], row[1], row[2], row[3], "OK" if row[4] else "FAIL"))
    print("min stock", r["min_stock"], "conservation", r["conservation_error"], "%.1fs" % (time.time() - t0))
    # year-on-year drift of the baseline
    for k in ("Emergency admissions per year", "G&A occupancy", "NCTR per day", "Non-elective bed days per year"):
        print("drift %-40s" % k, " ".join("%.4g" % a[k] for a in r["annual"]))


def run_scenarios():
    res = {}
    for name, (sc, params) in SCENARIOS_A.items():
        r = model_a.run(params, sc)
        res[name] = {"annual": r["annual"], "min_stock": r["min_stock"], "conservation_error": r["conservation_error"]}
        cum = {k: sum(a[k] for a in r["annual"]) for k in ("Discounted cost", "Discounted QALYs")}
        res[name]["cum10"] = cum
        print(name, "min stock", r["min_stock"], "cons", r["conservation_error"], flush=True)
    # a scenario that also changes constant parameters is compared with the baseline under the same parameters
    for name, (sc, params) in SCENARIOS_A.items():
        if params:
            r = model_a.run(params, {})
            res[name]["baseline_same_params"] = {"annual": r["annual"],
                                                 "cum10": {k: sum(a[k] for a in r["annual"])
                                                           for k in ("Discounted cost", "Discounted QALYs")}}
    checks = []
    for name, exps in EXPECT_A.items():
        base = res[name].get("baseline_same_params", res["baseline"])
        for kpi, d in exps:
            for yi in ((0, 9) if name != "vw_decommissioned_year3" else (3, 9)):
                delta = res[name]["annual"][yi][kpi] - base["annual"][yi][kpi]
                ok = (delta * d > 0)
                checks.append((name, kpi, yi + 1, d, delta, ok))
    res["checks"] = checks
    json.dump(res, open(os.path.join(OUT, "a_scenarios.json"), "w"), indent=1)
    for c in checks:
        print("%-32s %-50s y%-2d expect %+d delta %+12.4g %s" % (c[0], c[1], c[2], c[3], c[4], "OK" if c[5] else "FAIL"))


def range_cases():
    cases = []
    for name, meta in model_a.INPUTS.items():
        if meta["low"] == meta["high"]:
            continue
        for end in ("low", "high"):
            cases.append((name, end, meta[end]))
    return cases


def run_ranges(part=0, nparts=1):
    cases = range_cases()
    res = []
    for i, (name, end, val) in enumerate(cases):
        if i % nparts != part:
            continue
        r = model_a.run({name: val})
        a1, a10 = r["annual"][0], r["annual"][9]
        res.append({"input": name, "end": end, "value": val, "min_stock": r["min_stock"],
                    "conservation_error": r["conservation_error"],
                    "y1": {k: a1[k] for k in REPORT_KPIS}, "y10": {k: a10[k] for k in REPORT_KPIS}})
        print(name, end, "min %.3g %s" % (r["min_stock"][0], r["min_stock"][1]), "cons %.2g" % r["conservation_error"],
              "occ %.3f ed %.0f" % (a10["G&A occupancy"], a10["Patients waiting in ED for a bed"]), flush=True)
    json.dump(res, open(os.path.join(OUT, "a_ranges_%d.json" % part), "w"), indent=1)


def run_rerun(names_ends):
    """Re-run selected range cases after a model change; results override earlier ones in the docs."""
    res = []
    meta = model_a.INPUTS
    for item in names_ends:
        name, end = item.split(":")
        r = model_a.run({name: meta[name][end]})
        a1, a10 = r["annual"][0], r["annual"][9]
        res.append({"input": name, "end": end, "value": meta[name][end], "min_stock": r["min_stock"],
                    "conservation_error": r["conservation_error"],
                    "y1": {k: a1[k] for k in REPORT_KPIS}, "y10": {k: a10[k] for k in REPORT_KPIS}})
        print(name, end, "min %.3g %s" % (r["min_stock"][0], r["min_stock"][1]), "cons %.2g" % r["conservation_error"],
              "occ %.3f ed %.0f" % (a10["G&A occupancy"], a10["Patients waiting in ED for a bed"]), flush=True)
    json.dump(res, open(os.path.join(OUT, "a_ranges_rerun.json"), "w"), indent=1)


def run_sweep(n, seed=1):
    """Joint random sample over every input marked ASSUMPTION (uniform within range), baseline and combined."""
    rng = random.Random(seed)
    names = [k for k, m in model_a.INPUTS.items() if "ASSUMPTION" in m["source"] and m["low"] != m["high"]
             and not m["lever"]]
    res = []
    for i in range(n):
        params = {}
        for k in names:
            lo, hi = model_a.INPUTS[k]["low"], model_a.INPUTS[k]["high"]
            u = rng.random()
            params[k] = [l + u * (h - l) for l, h in zip(lo, hi)] if isinstance(lo, list) else lo + u * (hi - lo)
        rb = model_a.run(params)
        rc = model_a.run(params, S_COMB)
        res.append({"i": i, "min_stock": min(rb["min_stock"][0], rc["min_stock"][0]),
                    "base_y1": {k: rb["annual"][0][k] for k in REPORT_KPIS},
                    "base_y10": {k: rb["annual"][9][k] for k in REPORT_KPIS},
                    "comb_y1": {k: rc["annual"][0][k] for k in REPORT_KPIS},
                    "comb_y10": {k: rc["annual"][9][k] for k in REPORT_KPIS}})
        print(i, "min %.3g" % res[-1]["min_stock"], flush=True)
    json.dump({"inputs": names, "runs": res}, open(os.path.join(OUT, "a_sweep_%d.json" % seed), "w"), indent=1)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "baseline":
        run_baseline()
    elif cmd == "scenarios":
        run_scenarios()
    elif cmd == "ranges":
        run_ranges(int(sys.argv[2]) if len(sys.argv) > 2 else 0, int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    elif cmd == "sweep":
        run_sweep(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    elif cmd == "rerun":
        run_rerun(sys.argv[2:])
