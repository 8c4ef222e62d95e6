using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using static Simulation.Tests.TestModels;

namespace Simulation.Tests.Runtime;

/// <summary>Random closed stock-flow networks: material only moves between stocks, so the total never changes.</summary>
public class ConservationProperties
{
    public sealed record Network(int Stocks, (int From, int To, double Rate, int Shape)[] Flows, double[] Initial, string Method);

    private static Gen<Network> Networks() =>
        from n in Gen.Choose(2, 7)
        from flowCount in Gen.Choose(1, 12)
        from flows in Gen.ArrayOf(
            from f in Gen.Choose(0, n - 1)
            from t in Gen.Choose(0, n - 1)
            from r in Gen.Choose(1, 50)
            from shape in Gen.Choose(0, 2)
            select (f, t == f ? (t + 1) % n : t, r / 100.0, shape), flowCount)
        from initial in Gen.ArrayOf(Gen.Choose(0, 1000).Select(x => (double)x), n)
        from method in Gen.Elements("euler", "rk2", "rk4")
        select new Network(n, flows, initial, method);

    private static string ToModel(Network net)
    {
        var sb = new StringBuilder();
        for (int s = 0; s < net.Stocks; s++)
        {
            var ins = net.Flows.Select((f, i) => (f, i)).Where(x => x.f.To == s).Select(x => $"\"f{x.i}\"");
            var outs = net.Flows.Select((f, i) => (f, i)).Where(x => x.f.From == s).Select(x => $"\"f{x.i}\"");
            sb.Append($"{{ \"name\": \"s{s}\", \"kind\": \"stock\", \"initial\": {net.Initial[s].ToString(CultureInfo.InvariantCulture)}, \"nonNegative\": true, ")
              .Append($"\"inflows\": [{string.Join(",", ins)}], \"outflows\": [{string.Join(",", outs)}] }},");
        }
        for (int i = 0; i < net.Flows.Length; i++)
        {
            var (from, to, rate, shape) = net.Flows[i];
            string r = rate.ToString(CultureInfo.InvariantCulture);
            string equation = shape switch
            {
                0 => $"s{from} * {r}",
                1 => $"{r} * 20 * s{from} / (s{from} + 50)",
                _ => $"MAX(0, {r} * (s{from} - s{to}))",
            };
            sb.Append($"{{ \"name\": \"f{i}\", \"kind\": \"flow\", \"equation\": \"{equation}\" }},");
        }
        sb.Append("{ \"name\": \"total\", \"kind\": \"auxiliary\", \"equation\": \"")
          .Append(string.Join(" + ", Enumerable.Range(0, net.Stocks).Select(s => $"s{s}"))).Append("\" }");
        return Model(sb.ToString(), $"\"start\": 0, \"stop\": 20, \"dt\": 0.25, \"method\": \"{net.Method}\"");
    }

    [FsCheck.NUnit.Property(MaxTest = 150)]
    public Property Run_ClosedNetwork_ConservesTotal() =>
        Prop.ForAll(Networks().ToArbitrary(), net =>
        {
            var total = Run(ToModel(net)).Series("total");
            double start = net.Initial.Sum();
            double worst = total.Max(t => Math.Abs(t - start));
            return (worst <= 1e-9 * Math.Max(1, start)).Label($"drift {worst} of {start}");
        });
}
