"""Small shared helpers for the two prototype models (standard library only).

Everything here mirrors an engine builtin named in the design docs:
  lookup(points, x)      graphical function, linear interpolation, clamped at the ends
  Lever                  dated input changes: step (from T set v) and ramp (v0->v between T1 and T2)
"""
import math


def lookup(xs, ys, x):
    """Graphical function: piecewise linear through (xs, ys), clamped outside [xs[0], xs[-1]]."""
    if x <= xs[0]:
        return ys[0]
    if x >= xs[-1]:
        return ys[-1]
    lo, hi = 0, len(xs) - 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if xs[mid] <= x:
            lo = mid
        else:
            hi = mid
    x0, x1 = xs[lo], xs[hi]
    return ys[lo] + (ys[hi] - ys[lo]) * (x - x0) / (x1 - x0)


def lever_value(base, changes, t):
    """Value of a scalar input at time t under a list of dated changes, applied in order.

    ("step", T, v)        from time T (inclusive) the value is v
    ("ramp", T1, T2, v)   linear from the value in force at T1 to v between T1 and T2, v after T2
    ("scale", T, f)       from time T the value is multiplied by f (relative step)
    """
    v = base
    for ch in changes:
        kind = ch[0]
        if kind == "step":
            if t >= ch[1]:
                v = ch[2]
        elif kind == "scale":
            if t >= ch[1]:
                v = v * ch[2]
        elif kind == "ramp":
            t1, t2, target = ch[1], ch[2], ch[3]
            if t >= t2:
                v = target
            elif t > t1:
                v = v + (target - v) * (t - t1) / (t2 - t1)
        else:
            raise ValueError(kind)
    return v


def steps_for(start, stop, dt):
    return int(round((stop - start) / dt))
