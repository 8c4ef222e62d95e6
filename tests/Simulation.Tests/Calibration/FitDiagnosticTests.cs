using Simulation.Engine.Calibration.Output;
using Simulation.Engine.Calibration.Search;
using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Calibration;

/// <summary>Bad fits and bad data: each problem reported with its code, where it is and a hint; nothing runs.</summary>
public class FitDiagnosticTests
{
    private const string Params = """ "parameters": [ { "input": "Start", "min": 50, "max": 150 }, { "input": "Slope", "min": 0, "max": 5 } ] """;
    private const string Level = """ "fit": [ { "variable": "Linear", "column": "level" } ] """;
    private const string GoodData = "t,level\n1,98\n2,96\n3,94\n4,92\n";

    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string name, string code, string members, string data, string where, string? hint = null) =>
            new TestCaseData(code, members, data, where, hint).SetName($"Compile_{name}_Reports{code}");

        yield return Case("ParameterNotAnInput", DiagnosticCodes.NotAnInput, """ "parameters": [ { "input": "Fixed", "min": 0, "max": 1 } ], """ + Level, GoodData, "fit.json(1,", "mark it \"input\": true");
        yield return Case("UnknownParameter", DiagnosticCodes.UnknownInput, """ "parameters": [ { "input": "Strat", "min": 50, "max": 150 } ], """ + Level, GoodData, "fit.json(1,", "did you mean 'Start'?");
        yield return Case("BoundsReversed", DiagnosticCodes.InvalidBounds, """ "parameters": [ { "input": "Start", "min": 150, "max": 50 } ], """ + Level, GoodData, "fit.json(1,");
        yield return Case("FactorWithoutBounds", DiagnosticCodes.InvalidBounds, """ "parameters": [ { "input": "Start", "apply": "multiply" } ], """ + Level, GoodData, "fit.json(1,", "not of a factor");
        yield return Case("LogScaleFromZero", DiagnosticCodes.InvalidBounds, """ "parameters": [ { "input": "Slope", "min": 0, "max": 5, "scale": "log" } ], """ + Level, GoodData, "fit.json(1,");
        yield return Case("StartOutsideBounds", DiagnosticCodes.InvalidBounds, """ "parameters": [ { "input": "Slope", "min": 0, "max": 5, "start": 7 } ], """ + Level, GoodData, "fit.json(1,");
        yield return Case("PriorImpossible", DiagnosticCodes.ImpossibleDistribution,
            """ "parameters": [ { "input": "Start", "min": 50, "max": 150, "prior": { "distribution": "normal", "mean": 100, "sd": 0 } } ], """ + Level, GoodData, "fit.json(1,");
        yield return Case("EstimatedTwice", DiagnosticCodes.EstimatedTwice, """ "parameters": [ { "input": "Weight" }, { "input": "Weight[old]" } ], """ + Level, GoodData, "fit.json(1,");
        yield return Case("ColumnMissing", DiagnosticCodes.UnknownDataColumn, Params + """, "fit": [ { "variable": "Linear", "column": "levle" } ] """, GoodData, "fit.json(1,", "did you mean 'level'?");
        yield return Case("ImplicitColumnMatchesNoVariable", DiagnosticCodes.UnknownDataColumn, Params, "t,Linera\n1,98\n2,96\n3,94\n", "data.csv(1,3)", "did you mean 'Linear'?");
        yield return Case("TimeAfterTheRun", DiagnosticCodes.DataTimeOutsideRun, Params + "," + Level, GoodData + "25,80\n", "data.csv(6,1)", "move the run");
        yield return Case("TimeBetweenSteps", DiagnosticCodes.DataTimeOutsideRun, Params + "," + Level, "t,level\n1,98\n2.1,96\n3,94\n4,92\n", "data.csv(3,1)", "dt");
        yield return Case("CellNotANumber", DiagnosticCodes.DataNotANumber, Params + "," + Level, "t,level\n1,98\n2,9 6\n3,94\n4,92\n", "data.csv(3,3)", "NA");
        yield return Case("TimesNotIncreasing", DiagnosticCodes.DataTimes, Params + "," + Level, "t,level\n1,98\n3,96\n2,94\n4,92\n", "data.csv(4,1)", "sort");
        yield return Case("ColumnNamedTwice", DiagnosticCodes.DataMalformed, Params + "," + Level, "t,level,Level\n1,98,1\n2,96,1\n3,94,1\n", "data.csv(1,9)");
        yield return Case("RowTooShort", DiagnosticCodes.DataMalformed, Params + "," + Level, "t,level\n1,98\n2\n3,94\n4,92\n", "data.csv(3,1)");
        yield return Case("LogNormalZero", DiagnosticCodes.ObservationOutsideSupport, Params + """, "fit": [ { "variable": "Linear", "column": "level", "error": "lognormal" } ] """,
            "t,level\n1,98\n2,0\n3,94\n4,92\n", "data.csv(3,3)");
        yield return Case("NegativeCount", DiagnosticCodes.ObservationOutsideSupport, Params + """, "fit": [ { "variable": "Linear", "column": "level", "error": "poisson" } ] """,
            "t,level\n1,98\n2,-1\n3,94\n4,92\n", "data.csv(3,3)");
        yield return Case("TooFewObservations", DiagnosticCodes.TooFewObservations, Params + "," + Level, "t,level\n1,98\n2,\n3,NA\n4,92\n", "fit.json(1,");
        yield return Case("EmptyColumn", DiagnosticCodes.TooFewObservations, Params + """, "fit": [ { "variable": "Linear", "column": "level" }, { "variable": "Decay", "column": "other" } ] """,
            "t,level,other\n1,98,\n2,96,\n3,94,\n4,92,\n", "data.csv(1,9)");
        yield return Case("VariableAndTotal", DiagnosticCodes.InvalidSeries, Params + """, "fit": [ { "variable": "Linear", "total": "Fall", "column": "level" } ] """, GoodData, "fit.json(1,");
        yield return Case("ArrayWithoutElement", DiagnosticCodes.InvalidSeries, Params + """, "fit": [ { "variable": "Weighted", "column": "level" } ] """, GoodData, "fit.json(1,", "SUM(Weighted[*])");
        yield return Case("SdWithPoisson", DiagnosticCodes.InvalidSeries, Params + """, "fit": [ { "variable": "Linear", "column": "level", "error": "poisson", "sd": 2 } ] """, GoodData, "fit.json(1,");
        yield return Case("IntervalWithoutTotal", DiagnosticCodes.InvalidSeries, Params + """, "fit": [ { "variable": "Linear", "column": "level", "interval": 2 } ] """, GoodData, "fit.json(1,");
        yield return Case("TotalStartsBeforeTheRun", DiagnosticCodes.DataTimeOutsideRun, Params + """, "fit": [ { "total": "Fall", "column": "level", "interval": 2 } ] """, GoodData, "data.csv(2,1)", "move the run");
        yield return Case("UnknownVariableInSeries", DiagnosticCodes.UnknownVariable, Params + """, "fit": [ { "variable": "Lineer * 2", "column": "level" } ] """, GoodData, "fit.json(1,", "did you mean 'Linear'?");
        yield return Case("UnknownKey", DiagnosticCodes.SchemaViolation, """ "paramters": [], """ + Params + "," + Level, GoodData, "fit.json(1,", "did you mean \"parameters\"?");
    }

    [TestCaseSource(nameof(Cases))]
    public void Compile_BadFit_ReportsCodeWithLocationAndHint(string code, string members, string data, string where, string? hint)
    {
        using var files = new FitFiles();
        var (problem, diagnostics) = files.Compile(FitFiles.Fit(members.Replace("\n", " ")), data);
        var match = diagnostics.FirstOrDefault(d => d.Code == code);
        string all = DiagnosticRenderer.ToText(diagnostics);
        Assert.That(match, Is.Not.Null, all);
        Assert.That(match!.IsError, Is.True);
        Assert.That(problem, Is.Null);
        Assert.That(DiagnosticRenderer.ToText([match]), Does.Contain(where.Replace("fit.json", files.PathOf("fit.json")).Replace("data.csv", files.PathOf("data.csv"))), all);
        if (hint is not null) Assert.That(match.Hint ?? match.Message, Does.Contain(hint), all);
    }

    [Test]
    public void Compile_BoundsOutsideTheInputsRange_WarnsAndCompiles()
    {
        using var files = new FitFiles();
        var (problem, diagnostics) = files.Compile(FitFiles.Fit("""
            "parameters": [ { "input": "Start", "min": 10, "max": 150 } ], "fit": [ { "variable": "Linear", "column": "level" } ]
            """), GoodData);
        Assert.That(problem, Is.Not.Null);
        var warning = diagnostics.Single(d => d.Code == DiagnosticCodes.BoundsOutsideRange);
        Assert.That(warning.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(warning.Message, Does.Contain("(10 to 150)").And.Contain("(50 to 150)"));
    }

    [Test]
    public void Compile_DataColumnNotFitted_Warns()
    {
        using var files = new FitFiles();
        var (problem, diagnostics) = files.Compile(FitFiles.Fit(Params + "," + Level), "t,level,beds\n1,98,3\n2,96,3\n3,94,3\n4,92,3\n");
        Assert.That(problem, Is.Not.Null);
        Assert.That(diagnostics.Single(d => d.Code == DiagnosticCodes.UnusedDataColumn).Message, Does.Contain("'beds'"));
    }

    [Test]
    public void Compile_MissingDataFile_ReportsItAtTheFitsDataKey()
    {
        using var files = new FitFiles();
        string path = files.Write("fit.json", FitFiles.Fit(Params + "," + Level).Replace("data.csv", "nowhere.csv"));
        var diagnostics = new DiagnosticBag();
        Assert.That(Engine.Calibration.Problem.FitCompiler.CompileFile(path, diagnostics), Is.Null);
        var d = diagnostics.Items.Single(x => x.Code == DiagnosticCodes.DataFileMissing);
        Assert.That(d.Message, Does.Contain("nowhere.csv"));
        Assert.That(d.Location!.Value.Path, Is.EqualTo(path));
    }

    [Test]
    public void Optimise_ModelGoesNaNForSomeCandidates_TheyAreInfeasibleAndTheSearchGoesOn()
    {
        // SQRT(Linear) is NaN once Linear(t) = Start - Slope t goes below zero: a corner of the bounds cannot be run
        using var files = new FitFiles();
        var days = Enumerable.Range(1, 20).Select(t => (double)t).ToList();
        var problem = files.CompileOk(FitFiles.Fit("""
            "parameters": [ { "input": "Start", "min": 50, "max": 150 }, { "input": "Slope", "min": 0, "max": 5 } ],
            "fit": [ { "variable": "SQRT(Linear)", "column": "root", "error": "normal", "sd": 0.05 } ]
            """), FitFiles.Data(days, ("root", days.Select(t => Math.Sqrt(100 - 2 * t)).ToList())));
        var evaluator = FitFiles.Evaluator(problem);
        var result = Optimiser.Run(evaluator, 3, new OptimiserSettings());
        var report = CalibrationReport.FromOptimisation(evaluator, result, 3);
        Assert.That(report.Infeasible, Is.GreaterThan(0));
        Assert.That(report.Estimates[0].Estimate, Is.EqualTo(100).Within(0.01));
        Assert.That(report.Estimates[1].Estimate, Is.EqualTo(2).Within(0.001));
        Assert.That(CalibrationWriter.SummaryJson(report), Does.Contain($"\"infeasible\": {report.Infeasible}"));
    }
}
