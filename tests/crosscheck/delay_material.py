"""DELAY MATERIAL, computed from its definition, independently of the engine.

Vensim's reference manual: DELAY MATERIAL(input, delay time, initial value, missing value) delays the input by the
delay time, which may change during the run, conserving material: the delay time is the one in force when the input
enters; inputs that come out during the same time step are added together; when nothing comes out, the missing value
is given. Read here, in whole time steps as DELAY FIXED counts them: the input of step k leaves at step
k + max(1, round(D_k / dt)); the output of step j is what leaves then, plus the initial value while j is within the
first delay time (the material in the pipeline at the start); after that, a step with nothing leaving gives `missing`.

Prints the series the NUnit test MdlBuiltinTests.DelayMaterial_* expects:
    python3 tests/crosscheck/delay_material.py
"""
import math


def steps_for(delay, dt):
    return max(1, math.floor(delay / dt + 0.5 + 1e-9))


def delay_material(inputs, delays, dt, initial, missing):
    """inputs[k], delays[k]: the input and the delay time at step k. Returns the output at every step."""
    n = len(inputs)
    due = {}  # step -> what leaves then
    for k in range(n):
        leaves = k + steps_for(delays[k], dt)
        due[leaves] = due.get(leaves, 0) + inputs[k]
    first = steps_for(delays[0], dt)
    out = []
    for j in range(n):
        if j < first:
            out.append(initial + due.get(j, 0))
        else:
            out.append(due.get(j, missing))
    return out


def main():
    dt, times = 1.0, [k * 1.0 for k in range(16)]
    inputs = [10 + t for t in times]
    delays = [2 if t < 5 else 4 if t < 10 else 1 for t in times]
    out = delay_material(inputs, delays, dt, 3, -1)
    print("varying:", out)
    # Conservation: what entered and is due within the run, plus the initial material, all came out.
    entered = sum(x for k, x in enumerate(inputs) if k + steps_for(delays[k], dt) < len(times))
    given = sum(x for x in out if x != -1)
    print("entered and due in the run + initial:", entered + 3 * steps_for(delays[0], dt), " given out:", given)


if __name__ == "__main__":
    main()
