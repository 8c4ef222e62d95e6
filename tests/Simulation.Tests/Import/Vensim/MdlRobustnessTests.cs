using Simulation.Engine;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Import.Vensim;

namespace Simulation.Tests.Import.Vensim;

/// <summary>The .mdl reader fuzzed with damaged corpus models and models of tests/crosscheck/mdl: truncated anywhere, characters replaced. Diagnostics, never exceptions.</summary>
public class MdlRobustnessTests
{
    private static readonly string[] Files =
    [
        "tests/subscript_mapping_vensim/test_subscript_mapping_vensim.mdl",
        "tests/except/test_except.mdl",
        "tests/lookups/test_lookups.mdl",
        "tests/macro_stock/test_macro_stock.mdl",
        "tests/special_characters/test_special_variable_names.mdl",
        "tests/partial_range_definitions/test_partial_range_definitions.mdl",
        "tests/tabbed_arrays/tabbed_arrays.mdl",
        "../../crosscheck/mdl/vaccination_clinic/vaccination_clinic.mdl", // CRLF, data files, escaped quotes
        "../../crosscheck/mdl/community_shift/community_shift.mdl", // a macro with a stock, a mapping, TABBED ARRAY
    ];

    private static string PathOf(string file) => Path.GetFullPath(TestModels.PathOf("tests", "conformance", "sdxorg-mdl", file));

    private static void ImportAndCheck(string text, string path)
    {
        var diagnostics = new DiagnosticBag();
        var document = MdlReader.Read(new SourceFile(path, text), diagnostics);
        if (document is not null) ModelPipeline.Compile(document, diagnostics);
    }

    [TestCaseSource(nameof(Files))]
    public void Import_TruncatedAnywhere_NeverThrows(string file)
    {
        string text = File.ReadAllText(PathOf(file));
        int end = text.IndexOf("---///", StringComparison.Ordinal) is int sketch and > 0 ? sketch + 50 : text.Length;
        for (int cut = 0; cut < Math.Min(end, text.Length); cut += 7)
            Assert.DoesNotThrow(() => ImportAndCheck(text[..cut], PathOf(file)), $"cut at {cut}");
    }

    [TestCaseSource(nameof(Files))]
    public void Import_CharactersReplaced_NeverThrows(string file)
    {
        string text = File.ReadAllText(PathOf(file));
        int end = text.IndexOf("---///", StringComparison.Ordinal) is int sketch and > 0 ? sketch : text.Length;
        var random = new Random(20260419);
        const string Hostile = "|~[](){}:!\"'\\,;=<>-+*/^ \n\0xé?@$.0123456789";
        for (int trial = 0; trial < 400; trial++)
        {
            var chars = text.ToCharArray();
            for (int k = 0; k < 3; k++) chars[random.Next(end)] = Hostile[random.Next(Hostile.Length)];
            string damaged = new(chars);
            Assert.DoesNotThrow(() => ImportAndCheck(damaged, PathOf(file)), $"trial {trial}");
        }
    }
}
