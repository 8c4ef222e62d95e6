#!/usr/bin/env python3
"""How much of the batch step code repeats one block of statements over array elements (what rerolling into loops
could save). Reads `sim run MODEL --dump-kernel --lanes 16` output; erases element subscripts, temporaries' numbers
and spill rows, then finds, greedily from the top of each method, the block of P statements (P <= MAX) repeated the
most times in a row. Counts statements and nodes (calls and slot reads) in such blocks. It does NOT check that the
operands' rows are evenly spaced, nor that the temporaries a block reads are the same or in memory: an upper bound.
  sim run models/illness-to-prevention.json --dump-kernel --lanes 16 > k.txt; benchmarks/shards/step-code-repeats.py k.txt [MAX]
"""
import re
import sys

def shape(text):
    text = re.sub(r'\[[^\[\]"]*\]"', ']"', text)  # Name[18-39,Q1] -> Name[]
    text = re.sub(r'\bv\d+\b', 'v', text)
    text = re.sub(r'spill \d+', 'spill', text)
    return re.sub(r'\bs\d+\b', 's', text)

def nodes(text):
    return len(re.findall(r'\(|slots\[', text))

statements = []
for line in open(sys.argv[1]):
    t = line.strip()
    boundary = not t or t.startswith(('//', 'void', 'for (', 'double* next')) or t in ('{', '}')
    statements.append(None if boundary else t)
longest = int(sys.argv[2]) if len(sys.argv) > 2 else 300
ids, seq = {}, []
for s in statements:
    seq.append(None if s is None else ids.setdefault(shape(s), len(ids)))
cost = [0 if s is None else nodes(s) for s in statements]
i, families = 0, []
while i < len(seq):
    if seq[i] is None:
        i += 1
        continue
    best = (0, 0)
    for p in range(1, longest + 1):
        if i + 2 * p > len(seq):
            break
        k = 1
        while i + (k + 1) * p <= len(seq) and all(seq[i + j] is not None and seq[i + j] == seq[i + k * p + j] for j in range(p)):
            k += 1
        if k >= 2 and k * p > best[0] * best[1]:
            best = (p, k)
    p, k = best
    if k >= 2:
        families.append((p, k, sum(cost[i:i + k * p]), i))
        i += k * p
    else:
        i += 1
total, count = sum(cost), sum(1 for s in seq if s is not None)
covered = sum(c for _, _, c, _ in families)
saved = sum(c - c // k for _, k, c, _ in families)
print(f'{count} statements, {len(ids)} distinct shapes, {total} nodes')
print(f'{sum(p * k for p, k, _, _ in families)} statements ({100 * covered / total:.1f}% of nodes) in {len(families)} repeated blocks')
print(f'one copy of each block instead of all: {saved} nodes fewer ({100 * saved / total:.1f}%)')
for p, k, c, at in sorted(families, key=lambda f: -f[2])[:10]:
    print(f'  {p} statements x {k}: {c} nodes, from "{statements[at][:80]}"')
