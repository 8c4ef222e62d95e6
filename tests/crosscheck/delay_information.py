"""DELAY INFORMATION, computed from its definition, independently of the engine.

Vensim's reference manual: DELAY INFORMATION(input, delay time, initial value) returns the input delayed by the
delay time, like DELAY FIXED, but the delay time may change during the run. Read here as: a step's output is the
input of max(1, round(D / dt)) steps before it, D being the delay time of the step before (the output is fixed at
the end of a step, as DELAY FIXED's is); the output never goes back to an older input than the one it last gave
(while the delay lengthens, it holds), and is the initial value before the run's first input.

Prints the series the NUnit test MdlBuiltinTests.DelayInformation_* expects:
    python3 tests/crosscheck/delay_information.py
"""
import math


def delay_information(inputs, delays, dt, initial):
    """inputs[k], delays[k]: the input and the delay time at step k. Returns the output at every step."""
    out = [initial]
    newest = None  # the step of the input last given out
    for k in range(1, len(inputs)):
        steps = max(1, math.floor(delays[k - 1] / dt + 0.5 + 1e-9))
        wanted = k - steps
        newest = wanted if newest is None else max(newest, wanted)
        out.append(initial if newest < 0 else inputs[newest])
    return out


def main():
    dt, times = 1.0, [k * 1.0 for k in range(16)]
    inputs = [10 * t for t in times]
    delays = [2 if t < 5 else 4 if t < 10 else 1 for t in times]
    print("varying:", delay_information(inputs, delays, dt, -1))
    print("fixed 2:", delay_information(inputs, [2] * len(times), dt, -1))


if __name__ == "__main__":
    main()
