"""Independent Euler implementations of the bundled models, compared with the engine's expected files."""
import csv, math, os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def steps(start, stop, dt):
    return int(round((stop - start) / dt))


def lookup(xs, ys, x):
    if x <= xs[0]:
        return ys[0]
    if x >= xs[-1]:
        return ys[-1]
    for i in range(1, len(xs)):
        if xs[i] >= x:
            return ys[i - 1] + (ys[i] - ys[i - 1]) / (xs[i] - xs[i - 1]) * (x - xs[i - 1])


def teacup():
    T, room, ct = 180.0, 70.0, 10.0
    dt, n, every = 0.125, steps(0, 30, 0.125), 8
    rows = []
    for i in range(n + 1):
        loss = (T - room) / ct
        if i % every == 0 or i == n:
            rows.append({"Time": i * dt, "Teacup Temperature": T, "Heat Loss to Room": loss})
        T += dt * (-loss)
    return rows


def sir():
    N, I0, c, p, d = 10000.0, 10.0, 6.0, 0.05, 5.0
    S, I, R = N - I0, I0, 0.0
    dt, n, every = 0.125, steps(0, 100, 0.125), 8
    rows = []
    for i in range(n + 1):
        inf = c * p * S * I / N
        rec = I / d
        # non-negative stocks limit their outflows to what is there
        inf = min(inf, max(0.0, S / dt))
        rec = min(rec, max(0.0, I / dt))
        if i % every == 0 or i == n:
            rows.append({"Time": i * dt, "Susceptible": S, "Infected": I, "Recovered": R, "Infection": inf, "Recovery": rec,
                         "Reproduction Number": c * p * d * S / N})
        S, I, R = S - dt * inf, I + dt * (inf - rec), R + dt * rec
    return rows


def hospital():
    base, los, delay, cap, beds, surge = 60.0, 7.2, 1.3, 63.0, 570.0, 0.1
    adm_x, adm_y = [0.85, 0.9, 0.95, 1.0, 1.05], [1.0, 1.0, 0.97, 0.9, 0.8]
    los_x, los_y = [0.85, 0.9, 0.95, 1.0, 1.05], [1.0, 1.02, 1.08, 1.15, 1.25]
    A, W = base * los, cap * delay
    dt, n, every = 0.25, steps(0, 365, 0.25), 4
    rows = []
    for i in range(n + 1):
        t = i * dt
        occ = (A + W) / beds
        seas = 1 + surge * math.cos(2 * math.pi * (t - 15) / 365)
        adm = base * seas * lookup(adm_x, adm_y, occ)
        fit = A / (los * lookup(los_x, los_y, occ))
        dis = min(W / delay, cap)
        fit = min(fit, max(0.0, A / dt))
        dis = min(dis, max(0.0, W / dt))
        if i % every == 0 or i == n:
            rows.append({"Time": t, "Acute Patients": A, "Awaiting Discharge": W, "Admissions": adm,
                         "Becoming Medically Fit": fit, "Discharges": dis, "Bed Occupancy": occ})
        A, W = A + dt * (adm - fit), W + dt * (fit - dis)
    return rows


def flu_sir():
    """RK4 (the model's method): each stage's rates from the stage's stocks; flows saved are the first stage's."""
    N, beta, gamma = 763.0, 1.5, 0.5
    S, I, R = N - 1.0, 1.0, 0.0
    dt, n, every = 0.0625, steps(0, 14, 0.0625), 16

    def rates(s, i):
        return beta * s * i / N, gamma * i

    rows = []
    for k in range(n + 1):
        inf, rec = rates(S, I)
        if k % every == 0 or k == n:
            rows.append({"Time": k * dt, "Susceptible": S, "Infected": I, "Recovered": R, "Infection": inf, "Recovery": rec})
        a = rates(S, I)
        b = rates(S - dt / 2 * a[0], I + dt / 2 * (a[0] - a[1]))
        c = rates(S - dt / 2 * b[0], I + dt / 2 * (b[0] - b[1]))
        d = rates(S - dt * c[0], I + dt * (c[0] - c[1]))
        fi = (a[0] + 2 * b[0] + 2 * c[0] + d[0]) / 6
        fr = (a[1] + 2 * b[1] + 2 * c[1] + d[1]) / 6
        S, I, R = S - dt * fi, I + dt * (fi - fr), R + dt * fr
    return rows


def compare(name, rows):
    path = os.path.join(ROOT, "models", "expected", name + ".csv")
    with open(path, newline="") as f:
        expected = list(csv.DictReader(f))
    assert len(expected) == len(rows), f"{name}: {len(expected)} rows expected, {len(rows)} computed"
    worst = 0.0
    for e, r in zip(expected, rows):
        for key, value in r.items():
            ref = float(e[key])
            worst = max(worst, abs(ref - value) / max(1e-300, abs(value)) if value != 0 else abs(ref))
    print(f"{name}: {len(rows)} rows, largest relative difference {worst:.3g}")
    return worst


if __name__ == "__main__":
    worst = max(compare("teacup", teacup()), compare("sir", sir()), compare("hospital-beds", hospital()), compare("flu-sir", flu_sir()))
    sys.exit(0 if worst < 1e-9 else 1)
