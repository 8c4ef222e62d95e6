"""Vensim models written here in the styles published health models use, simulated independently of the engine.

Each model under tests/crosscheck/mdl/NAME/NAME.mdl is written again below as a plain Euler loop over its equations,
read from the .mdl by a person (no code shared with the engine), and its values are written to
tests/crosscheck/mdl/NAME/output.tab in the SDXorg layout (tab-separated, Time first, quoted names). The NUnit test
UnseenMdlTests runs every .mdl and compares it with these files, as `sim conformance tests/crosscheck/mdl` does.

    python3 tests/crosscheck/unseen_mdl.py
"""
import csv
import math
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mdl")


def lookup(points, x):
    """A Vensim lookup: straight lines between the points, held flat beyond the first and the last."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def put(row, name, elements, values):
    """An arrayed variable's values, one column per element: name[element]."""
    for element, value in zip(elements, values):
        row[f"{name}[{element}]"] = value


def write(name, rows):
    """rows: a list of dicts, Time first."""
    path = os.path.join(HERE, name, "output.tab")
    columns = list(rows[0].keys())
    with open(path, "w", newline="") as f:
        f.write("\t".join(c if c == "Time" else '"' + c.replace('"', '""') + '"' for c in columns) + "\n")
        for row in rows:
            f.write("\t".join(repr(float(row[c])) for c in columns) + "\n")
    print(f"{path}: {len(rows)} rows, {len(columns) - 1} columns")


def ageing_ae():
    bands = ["Children", "Working age", "Older", "Oldest"]
    pop = [120000.0, 380000.0, 90000.0, 15000.0]
    years = [18, 47, 20, 15]
    mortality = [0.0005, 0.002, 0.03, 0.15]
    attendance = [0.35, 0.25, 0.4, 0.9]
    crowding = [(0, 1), (0.8, 1), (1, 1.2), (1.5, 2), (2, 2.5)]
    dt, final, saveper = 0.25, 20, 1
    rows = []
    steps = round(final / dt)
    for step in range(steps + 1):
        t = step * dt
        births = [pop[1] * 0.018, 0, 0, 0]
        out = [pop[i] / years[i] for i in range(3)] + [0]
        into = [0, out[0], out[1], out[2]]
        deaths = [pop[i] * mortality[i] for i in range(4)]
        attendances = sum(pop[i] * attendance[i] for i in range(4))
        effect = lookup(crowding, attendances / 150000)
        total = sum(pop)
        if step % round(saveper / dt) == 0:
            row = {"Time": t}
            for i, b in enumerate(bands):
                row[f"Population[{b}]"] = pop[i]
                row[f"deaths[{b}]"] = deaths[i]
            row["ageing out[Working age]"] = out[1]
            row["ageing in[Oldest]"] = into[3]
            row["births[Children]"] = births[0]
            row["A&E attendances"] = attendances
            row["crowding effect"] = effect
            row["mean time in department (hours)"] = 4 * effect
            row["older share"] = (pop[2] + pop[3]) / total
            row["over-85s per 1,000 residents"] = 1000 * pop[3] / total
            rows.append(row)
        pop = [pop[i] + dt * (births[i] + into[i] - out[i] - deaths[i]) for i in range(4)]
    write("ageing_ae", rows)


def elective_waiting():
    referrals = {  # week: P1, P2, P3 (referrals.csv)
        0: (60, 120, 200), 10: (70, 125, 210), 20: (90, 130, 190), 30: (80, 150, 230), 52: (100, 160, 240)}
    weeks = sorted(referrals)
    base, waiting, target = 330, [400.0, 900.0, 2500.0], [2, 6, 18]
    share = [0.5, 0.3, 0.2]
    dt, final, saveper = 0.5, 52, 2
    smooth = None
    stages = None
    rows = []
    for step in range(round(final / dt) + 1):
        t = step * dt
        ref = [lookup([(w, referrals[w][i]) for w in weeks], t) for i in range(3)]
        extra = (40 if t >= 10 else 0) + (0 if t <= 20 else 2 * (min(t, 30) - 20))
        capacity = base + extra
        treated = [min(waiting[i] / dt, capacity * share[i]) for i in range(3)]
        wait = [waiting[i] / treated[i] if treated[i] != 0 else 999 for i in range(3)]
        over = [1 if wait[i] > target[i] and t >= 4 else 0 for i in range(3)]
        total_ref = sum(ref)
        if smooth is None:
            smooth = total_ref
            stages = [ref[0] * 1.0] * 3  # each DELAY3 stage holds input x D/3, D/3 = 1
        delayed = stages[2] / 1.0
        pressure = 1 if (not capacity >= smooth) or waiting[0] > 1000 else 0
        if step % round(saveper / dt) == 0:
            row = {"Time": t}
            for name, values in [("referrals", ref), ("Waiting", waiting), ("treated", treated), ("expected wait", wait), ("over target", over)]:
                put(row, name, ["P1", "P2", "P3"], values)
            row["capacity"] = capacity
            row["smoothed referrals"] = smooth
            row["urgent referrals (3-week pipeline)"] = delayed
            row["pressure"] = pressure
            row["total waiting"] = sum(waiting)
            rows.append(row)
        flows = [stages[k] / 1.0 for k in range(3)]
        stages = [stages[0] + dt * (ref[0] - flows[0]), stages[1] + dt * (flows[0] - flows[1]), stages[2] + dt * (flows[1] - flows[2])]
        smooth += dt * (total_ref - smooth) / 4
        waiting = [waiting[i] + dt * (ref[i] - treated[i]) for i in range(3)]
    write("elective_waiting", rows)


def community_shift():
    regions, settings = ["North", "South", "East"], ["Hospital", "Community", "Virtual ward"]
    initial = [[1000, 800, 600, 300], [900, 850, 500, 250], [700, 600, 450, 200]]
    people = [[float(v) for v in row] for row in initial]
    births, exits, bed_use = [50, 40, 30], [0.01, 0.02, 0.05, 0.2], [0.01, 0.02, 0.06, 0.3]
    initial_beds = [[300, 120, 0], [250, 100, 0], [180, 60, 0]]
    beds = [[float(v) for v in row] for row in initial_beds]
    target, split = [40, 30, 20], [0.4, 0.6]
    dt, final, saveper = 0.25, 15, 1
    shift = [0.0] * 3
    trend = None
    rows = []
    for step in range(round(final / dt) + 1):
        t = step * dt
        index = [sum(people[r]) / sum(initial[r]) for r in range(3)]
        if t >= 5:  # SAMPLE IF TRUE: the input at this very step while the condition holds, else the value held
            shift = [target[r] * index[r] for r in range(3)]
        planned = [[initial_beds[r][0] - shift[r]] + [initial_beds[r][1 + k] + shift[r] * split[k] for k in range(2)] for r in range(3)]
        need = [sum(people[r][b] * bed_use[b] for b in range(4)) for r in range(3)]
        if trend is None:
            trend = list(need)
        occupancy = [need[r] / beds[r][0] if beds[r][0] != 0 else 0 for r in range(3)]
        moving_on = [[people[r][b] / 10 for b in range(3)] + [0] for r in range(3)]
        moving_in = [[0] + moving_on[r][:3] for r in range(3)]
        entering = [[births[r], 0, 0, 0] for r in range(3)]
        leaving = [[people[r][b] * exits[b] for b in range(4)] for r in range(3)]
        if step % round(saveper / dt) == 0:
            row = {"Time": t}
            for r, region in enumerate(regions):
                for b in range(4):
                    row[f"People[{region},B{b + 1}]"] = people[r][b]
                row[f"moving in[{region},B3]"] = moving_in[r][2]
                for s_, setting in enumerate(settings):
                    row[f"Beds[{region},{setting}]"] = beds[r][s_]
                    row[f"planned beds[{region},{setting}]"] = planned[r][s_]
                row[f"shift[{region}]"] = shift[r]
                row[f"demand index[{region}]"] = index[r]
                row[f"need[{region}]"] = need[r]
                row[f"trend need[{region}]"] = trend[r]
                row[f"hospital occupancy[{region}]"] = occupancy[r]
            rows.append(row)
        people = [[people[r][b] + dt * (entering[r][b] + moving_in[r][b] - moving_on[r][b] - leaving[r][b]) for b in range(4)] for r in range(3)]
        beds = [[beds[r][k] + dt * (planned[r][k] - beds[r][k]) / 2 for k in range(3)] for r in range(3)]
        trend = [trend[r] + dt * (need[r] - trend[r]) / 3 for r in range(3)]
    write("community_shift", rows)


def vaccination_clinic():
    groups = ["Under 50", "Age 50 to 74", "Age 75 and over"]
    eligible = [40000, 25000, 9000]
    uptake = {0: (0.1, 0.2, 0.4), 4: (0.3, 0.5, 0.8), 8: (0.5, 0.7, 0.9), 12: (0.6, 0.75, 0.92)}  # uptake.csv
    rota = [(0, 12), (3, 15), (6, 10), (9, 14)]  # clinic_data.csv, held backward
    weight = [1, 2, 4]  # age priority at positions 1, 2, 3
    dt, final = 0.5, 12
    vaccinated = [0.0, 0.0, 0.0]
    capacities = []
    rows = []
    for step in range(round(final / dt) + 1):
        t = step * dt
        target = [lookup([(w, uptake[w][i]) for w in sorted(uptake)], t) for i in range(3)]
        still = [max(0, eligible[i] * target[i] - vaccinated[i]) for i in range(3)]
        demand = [still[i] / 2 for i in range(3)]
        staff = [v for w, v in rota if w <= t][-1]
        pulse = 1 if 5 <= t < 10 and (t - 5) % 4 < 1 else 0
        capacity = staff * 150 * (1 - 0.5 * pulse)
        capacities.append(capacity)
        weighted = [demand[i] * weight[i] for i in range(3)]
        total = sum(weighted)
        vaccinations = [min(demand[i], capacity * weighted[i] / total) if total > 0 else 0 for i in range(3)]
        coverage = [vaccinated[i] / eligible[i] for i in range(3)]
        weeks = math.trunc(t - 0)
        cycle = math.fmod(weeks - 6, 4)
        rounded = 5 * math.trunc(coverage[2] * 100 / 5)
        delayed = capacities[step - 4] if step >= 4 else 0
        row = {"Time": t}
        for name, values in [("Vaccinated", vaccinated), ("demand", demand), ("vaccinations", vaccinations), ("coverage", coverage),
                             ('uptake "target" curve', target)]:
            put(row, name, groups, values)
        row["staff on rota"] = staff
        row["session pattern"] = 1 - 0.5 * pulse
        row["capacity"] = capacity
        row["weeks since start"] = weeks
        row["week of cycle"] = cycle
        row["rounded coverage"] = rounded
        row["delayed capacity"] = delayed
        row["best group coverage"] = max(coverage)
        row["mean coverage"] = sum(coverage) / 3
        rows.append(row)
        vaccinated = [vaccinated[i] + dt * vaccinations[i] for i in range(3)]
    write("vaccination_clinic", rows)


if __name__ == "__main__":
    ageing_ae()
    elective_waiting()
    community_shift()
    vaccination_clinic()
