# Independent check of models/expected/ageing-chain.csv: the ageing-chain model written out by hand
# (Euler, dt = 0.25), compared with the engine's CSV. Run: python3 ageing-chain.check.py ageing-chain.csv
# Last run: worst relative difference 3.7e-16 over every population cell, the total and the older share.
import csv, sys
ages=["0-17","18-44","45-64","65-74","75+"]; qs=["Q1","Q2","Q3","Q4","Q5"]
base=[200000,350000,250000,100000,80000]; share=[0.22,0.21,0.2,0.19,0.18]
width=[18,27,20,10,1]; mort=[0.0005,0.001,0.004,0.015,0.07]; dep=[1.3,1.15,1.0,0.9,0.8]; br=0.045
def improve(t):
    xs=[2025,2035,2045]; ys=[1,0.92,0.85]
    if t<=xs[0]: return ys[0]
    if t>=xs[-1]: return ys[-1]
    i=1 if t<=xs[1] else 2
    return ys[i-1]+(ys[i]-ys[i-1])/(xs[i]-xs[i-1])*(t-xs[i-1])
P=[[base[a]*share[q] for q in range(5)] for a in range(5)]
dt=0.25; steps=80
rows=[]
for i in range(steps+1):
    t=2025+i*dt
    if i%4==0:
        tot=sum(sum(r) for r in P); older=sum(P[3][q]+P[4][q] for q in range(5))
        rows.append((t,[r[:] for r in P],tot,older/tot))
    out=[[P[a][q]/width[a] if a<4 else 0 for q in range(5)] for a in range(5)]
    new=[[0]*5 for _ in range(5)]
    for a in range(5):
        for q in range(5):
            births=br*P[1][q] if a==0 else 0
            ain=out[a-1][q] if a>0 else 0
            deaths=P[a][q]*mort[a]*dep[q]*improve(t)
            new[a][q]=P[a][q]+dt*(births+ain-out[a][q]-deaths)
    P=new
r=list(csv.reader(open(sys.argv[1])))
h=r[0]; worst=0
for (t,Pm,tot,sh),row in zip(rows,r[1:]):
    assert abs(float(row[0])-t)<1e-9
    for a in range(5):
        for q in range(5):
            v=float(row[h.index(f"Population[{ages[a]},{qs[q]}]")])
            worst=max(worst,abs(v-Pm[a][q])/abs(Pm[a][q]))
    worst=max(worst,abs(float(row[h.index("Total Population")])-tot)/tot, abs(float(row[h.index("Older Share")])-sh)/sh)
print("rows",len(rows),len(r)-1,"worst relative difference",worst)
print("2045 total",rows[-1][2],"older share",rows[-1][3])
