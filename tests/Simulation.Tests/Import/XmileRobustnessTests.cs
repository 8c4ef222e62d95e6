using Simulation.Engine;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Import;

namespace Simulation.Tests.Import;

/// <summary>Damaged XMILE files give diagnostics, never exceptions.</summary>
public class XmileRobustnessTests
{
    private static readonly string[] Files =
    [
        "samples/bpowers-hares_and_lynxes_modules/model.xmile",
        "tests/arithmetics_exp/test_arithmetics_exp.xmile",
        "tests/lookups/test_lookups.xmile",
        "tests/special_characters_xmile/test_special_variable_names.xmile",
    ];

    private static string Text(string file) => File.ReadAllText(TestModels.PathOf("tests", "conformance", "sdxorg", file));

    private static void ImportAndCheck(string text)
    {
        var diagnostics = new DiagnosticBag();
        var document = XmileReader.Read(new SourceFile("damaged.xmile", text), diagnostics);
        if (document is not null) ModelPipeline.Compile(document, diagnostics);
    }

    [TestCaseSource(nameof(Files))]
    public void Import_TruncatedAnywhere_NeverThrows(string file)
    {
        string text = Text(file);
        for (int cut = 0; cut < text.Length; cut += 37)
            Assert.DoesNotThrow(() => ImportAndCheck(text[..cut]), $"cut at {cut}");
    }

    [TestCaseSource(nameof(Files))]
    public void Import_CharactersReplaced_NeverThrows(string file)
    {
        string text = Text(file);
        var random = new Random(20260101);
        const string Hostile = "<>&\"'{}[]()=,.;:\\/*^-+_ \n\0xé?@";
        for (int trial = 0; trial < 300; trial++)
        {
            var chars = text.ToCharArray();
            for (int k = 0; k < 3; k++) chars[random.Next(chars.Length)] = Hostile[random.Next(Hostile.Length)];
            string damaged = new(chars);
            Assert.DoesNotThrow(() => ImportAndCheck(damaged), $"trial {trial}");
        }
    }
}
