"""Model B experiments: baseline vs sanity targets, scenario pack with economics, direction checks,
input-range checks, uncertainty sweep.  Usage: python3 run_b.py baseline|scenarios|ranges|sweep N
"""
import json
import os
import random
import sys
import time

import model_b

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
os.makedirs(OUT, exist_ok=True)

TARGETS_B = [
    ("Deaths per year", 13e3, 15e3, "~13-15k/yr (adults; <18 deaths ~60/yr omitted)"),
    ("Diagnosed diabetes (QOF-like, incl. T1D)", 85e3, 95e3, "~85-95k (~7.5%)"),
    ("T2D diagnosed", 80e3 * 0.9, 80e3 * 1.1, "T2D ~80k, +-10%"),
    ("T2D undiagnosed", 0.01 * 1.19e6, 0.03 * 1.19e6, "undiagnosed 1-3% of adults (Moody 2016)"),
    ("NDH (true)", 130e3 * 0.9, 130e3 * 1.1, "~130k, +-10%"),
    ("NDH (recorded)", 50e3, 80e3, "50-80k"),
    ("Hypertension (true)", 370e3 * 0.9, 370e3 * 1.1, "~370k, +-10%"),
    ("Hypertension (recorded)", 220e3 * 0.85, 220e3 * 1.15, "~220k, +-15%"),
    ("Hypertension (undiagnosed)", 110e3 * 0.9, 110e3 * 1.1, "~110k, +-10%"),
    ("Hypertension controlled % of all hypertensives", 0.35, 0.41, "38% (QMUL HSE 2021), +-3 pp"),
    ("Hypertension controlled % of treated", 0.60, 0.66, "63% of treated (Falaschetti 2014), +-3 pp"),
    ("Adult smokers", 140e3 * 0.9, 140e3 * 1.1, "~140k, +-10%"),
    ("SSS quit dates per year", 4600 * 0.9, 4600 * 1.1, "~4,600/yr, +-10%"),
    ("4-week quitters per year", 2500 * 0.9, 2500 * 1.1, "~2,500/yr, +-10%"),
    ("DPP referrals per year", 5000 * 0.85, 5000 * 1.15, "~5,000/yr, +-15%"),
    ("DPP completions per year", 1000 * 0.85, 1000 * 1.15, "~1,000/yr, +-15%"),
    ("Strokes per year", 2200 * 0.9, 2200 * 1.1, "~2,200/yr, +-10%"),
]

SCENARIOS_B = {
    "baseline": {},
    "dpp_reach_doubled": {"dpp_referral_rate": [("ramp", 0.0, 1.0, 0.20)],
                          "dpp_capacity_growth": [("ramp", 0.0, 1.0, 1.0)]},
    "htn_control_80": {"htn_control_target": [("ramp", 0.0, 3.0, 0.80)]},
    "stop_smoking_reach": {"sss_reach": [("ramp", 0.0, 2.0, 0.08)]},
    "targeted_imd_q12": {"share_targeted_q12": [("ramp", 0.0, 1.0, 0.70)]},
}
SCENARIOS_B["combined_prevention"] = {k: v for name in ("dpp_reach_doubled", "htn_control_80", "stop_smoking_reach",
                                                        "targeted_imd_q12") for k, v in SCENARIOS_B[name].items()}

# (KPI, expected sign of scenario - baseline, years (1-based) at which it is checked)
EXPECT_B = {
    "dpp_reach_doubled": [("DPP referrals per year", +1, (1, 25)), ("DPP completions per year", +1, (1, 25)),
                          ("New T2D cases per year", -1, (1, 10, 25)),
                          ("Diagnosed diabetes (QOF-like, incl. T1D)", -1, (10, 25)),
                          ("Cost DPP per year", +1, (1, 25)), ("Discounted QALYs", +1, (10, 25))],
    "htn_control_80": [("Hypertension controlled % of treated", +1, (1, 25)),
                       ("Hypertension controlled % of all hypertensives", +1, (1, 25)),
                       ("Strokes per year", -1, (1, 10, 25)), ("MI (first) per year", -1, (1, 10, 25)),
                       ("Premature (<75) CVD mortality per 100k", -1, (5, 25)), ("CVD deaths per year", -1, (5, 25)),
                       ("Cost BP control programme per year", +1, (1, 25)), ("Discounted QALYs", +1, (5, 25))],
    "stop_smoking_reach": [("SSS quit dates per year", +1, (1, 25)), ("4-week quitters per year", +1, (1, 10)),
                           ("Adult smokers", -1, (1, 10, 25)), ("Smoking excess deaths per year", -1, (10, 25)),
                           ("MI (first) per year", -1, (10, 25)), ("Discounted QALYs", +1, (10, 25))],
    "targeted_imd_q12": [("IMD Q1-Q5 gap in smoking prevalence (pp)", -1, (5, 25)),
                         ("IMD Q1-Q5 gap in first CVD events per 100k", -1, (10, 25)),
                         ("IMD Q1-Q5 gap in T2D prevalence (pp)", -1, (10, 25))],
    "combined_prevention": [("Strokes per year", -1, (1, 25)), ("Adult smokers", -1, (1, 25)),
                            ("New T2D cases per year", -1, (10, 25)), ("Discounted QALYs", +1, (10, 25)),
                            ("IMD Q1-Q5 gap in smoking prevalence (pp)", -1, (5, 25))],
}

REPORT_B = ["Diagnosed diabetes (QOF-like, incl. T1D)", "New T2D cases per year", "NDH (recorded)",
            "DPP referrals per year", "DPP completions per year", "Hypertension controlled % of treated",
            "Hypertension controlled % of all hypertensives", "Adult smokers", "Smoking prevalence %",
            "SSS quit dates per year", "4-week quitters per year", "MI (first) per year", "Strokes per year",
            "Heart failure (new) per year", "CVD deaths per year", "Premature (<75) CVD mortality per 100k",
            "Deaths per year", "IMD Q1-Q5 gap in smoking prevalence (pp)", "IMD Q1-Q5 gap in T2D prevalence (pp)",
            "IMD Q1-Q5 gap in first CVD events per 100k", "Cost total per year", "QALYs per year"]


def cum(annual, key, years):
    return sum(a[key] for a in annual[:years])


def economics(base, scen, years):
    dc = cum(scen, "Discounted cost", years) - cum(base, "Discounted cost", years)
    dq = cum(scen, "Discounted QALYs", years) - cum(base, "Discounted QALYs", years)
    dprog = cum(scen, "Discounted programme cost", years) - cum(base, "Discounted programme cost", years)
    dcond = cum(scen, "Discounted condition cost", years) - cum(base, "Discounted condition cost", years)
    return {"years": years, "delta_cost": dc, "delta_qalys": dq, "delta_programme_cost": dprog,
            "delta_condition_cost": dcond,
            "icer_gbp_per_qaly": dc / dq if dq > 0 else None,
            "nmb_at_20k": 20000 * dq - dc,
            "roi_condition_savings_per_gbp_programme": (-dcond / dprog) if dprog > 0 else None}


def run_baseline():
    t0 = time.time()
    r = model_b.run()
    a1 = r["annual"][0]
    rows = [(n, a1[n], lo, hi, lo <= a1[n] <= hi, basis) for n, lo, hi, basis in TARGETS_B]
    for row in rows:
        print("%-50s %12.5g [%10.5g, %10.5g] %s" % (row[0], row[1], row[2], row[3], "OK" if row[4] else "FAIL"))
    print("min stock", r["min_stock"], "conservation", r["conservation_error"], "chain", r["chain_error"],
          "%.2fs" % (time.time() - t0))
    # DPP population effect: incidence with the programme vs without it (referrals 0 from t=0)
    r0 = model_b.run(None, {"dpp_referral_rate": [("step", 0.0, 0.0)]})
    irr = {y: r["annual"][y - 1]["New T2D cases per year"] / r0["annual"][y - 1]["New T2D cases per year"]
           for y in (1, 5, 10, 25)}
    print("DPP population IRR (with vs without programme):", irr)
    out = {"year1": a1, "year5": r["annual"][4], "year10": r["annual"][9], "year25": r["annual"][24], "targets": rows,
           "min_stock": r["min_stock"], "conservation_error": r["conservation_error"], "chain_error": r["chain_error"],
           "le_gap_year0": r["le_gap"][0], "le_gap_year25": r["le_gap"][-1], "dpp_irr": irr, "init": r["init"],
           "trend": {k: [a[k] for a in r["annual"]] for k in REPORT_B + ["Hypertension (recorded)",
                                                                       "Hypertension (undiagnosed)", "NDH (true)"]}}
    json.dump(out, open(os.path.join(OUT, "b_baseline.json"), "w"), indent=1)


def run_scenarios():
    res = {}
    for name, sc in SCENARIOS_B.items():
        r = model_b.run(None, sc)
        res[name] = {"annual": r["annual"], "min_stock": r["min_stock"], "conservation_error": r["conservation_error"],
                     "chain_error": r["chain_error"], "le_gap": r["le_gap"]}
        print(name, "min", r["min_stock"], "cons %.2g chain %.2g" % (r["conservation_error"], r["chain_error"]))
    base = res["baseline"]["annual"]
    checks = []
    for name, exps in EXPECT_B.items():
        for kpi, d, yrs in exps:
            for y in yrs:
                if kpi == "Discounted QALYs":
                    delta = cum(res[name]["annual"], kpi, y) - cum(base, kpi, y)
                else:
                    delta = res[name]["annual"][y - 1][kpi] - base[y - 1][kpi]
                checks.append((name, kpi, y, d, delta, delta * d > 0))
    econ = {name: {y: economics(base, res[name]["annual"], y) for y in (1, 10, 20, 25)}
            for name in SCENARIOS_B if name != "baseline"}
    # external check against Thomas et al. 2017 (DPP: 1.28 per 1 over 20 yrs; 3,552 QALYs per 100k interventions)
    extra_ref = cum(res["dpp_reach_doubled"]["annual"], "DPP referrals per year", 20) - cum(base, "DPP referrals per year", 20)
    e20 = econ["dpp_reach_doubled"][20]
    thomas = {"extra_referrals_20y": extra_ref, "qalys_per_100k_referrals": e20["delta_qalys"] / extra_ref * 1e5,
              "roi_20y": e20["roi_condition_savings_per_gbp_programme"]}
    res["checks"] = checks
    res["economics"] = econ
    res["thomas_check"] = thomas
    json.dump(res, open(os.path.join(OUT, "b_scenarios.json"), "w"), indent=1)
    for c in checks:
        print("%-22s %-48s y%-2d expect %+d delta %+12.4g %s" % (c[0], c[1], c[2], c[3], c[4], "OK" if c[5] else "FAIL"))
    for name, e in econ.items():
        for y, v in e.items():
            print(name, y, {k: (round(x, 3) if isinstance(x, float) else x) for k, x in v.items()})
    print("Thomas check", thomas)


def run_ranges():
    res = []
    for name, meta in model_b.INPUTS.items():
        if meta["low"] == meta["high"]:
            continue
        for end in ("low", "high"):
            r = model_b.run({name: meta[end]})
            res.append({"input": name, "end": end, "value": meta[end], "min_stock": r["min_stock"],
                        "conservation_error": r["conservation_error"], "chain_error": r["chain_error"],
                        "y1": {k: r["annual"][0][k] for k in REPORT_B}, "y25": {k: r["annual"][24][k] for k in REPORT_B}})
            print(name, end, "min %.4g %s cons %.2g chain %.2g" % (r["min_stock"][0], r["min_stock"][1],
                                                                    r["conservation_error"], r["chain_error"]), flush=True)
    json.dump(res, open(os.path.join(OUT, "b_ranges.json"), "w"), indent=1)


def run_sweep(n, seed=1):
    rng = random.Random(seed)
    names = [k for k, m in model_b.INPUTS.items() if "ASSUMPTION" in m["source"] and m["low"] != m["high"]
             and not m["lever"]]
    res = []
    for i in range(n):
        params = {}
        for k in names:
            lo, hi = model_b.INPUTS[k]["low"], model_b.INPUTS[k]["high"]
            u = rng.random()
            params[k] = [l + u * (h - l) for l, h in zip(lo, hi)] if isinstance(lo, list) else lo + u * (hi - lo)
        row = {"i": i, "min_stock": None, "runs": {}}
        mins = []
        rb = model_b.run(params)
        mins.append(rb["min_stock"][0])
        for name in ("dpp_reach_doubled", "htn_control_80", "stop_smoking_reach", "targeted_imd_q12"):
            rs = model_b.run(params, SCENARIOS_B[name])
            mins.append(rs["min_stock"][0])
            row["runs"][name] = {"econ25": economics(rb["annual"], rs["annual"], 25),
                                 "delta_y25": {k: rs["annual"][24][k] - rb["annual"][24][k] for k in REPORT_B}}
        row["min_stock"] = min(mins)
        row["base_y1"] = {k: rb["annual"][0][k] for k in REPORT_B}
        res.append(row)
        print(i, "min %.3g" % row["min_stock"], flush=True)
    json.dump({"inputs": names, "runs": res}, open(os.path.join(OUT, "b_sweep_%d.json" % seed), "w"), indent=1)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "baseline":
        run_baseline()
    elif cmd == "scenarios":
        run_scenarios()
    elif cmd == "ranges":
        run_ranges()
    elif cmd == "sweep":
        run_sweep(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)
