using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>
/// Reads a Vensim model (.mdl) into the same <see cref="ModelDocument"/> our JSON and XMILE readers
/// produce, so everything after reading is shared. Equations are translated into our language with
/// each character keeping its place in the .mdl file, so a diagnostic about an imported equation
/// points at the line and column of the Vensim text it came from. The sketch is ignored; anything
/// that would change a run and is not supported is a located error naming the construct.
/// docs/vensim-import.md describes what is read and how Vensim's meanings are kept.
/// </summary>
public static class MdlReader
{
    public static bool IsMdlPath(string path) => Path.GetExtension(path).Equals(".mdl", StringComparison.OrdinalIgnoreCase);

    public static ModelDocument? ReadFile(string path, DiagnosticBag diagnostics) =>
        SourceFile.Load(path, diagnostics, DiagnosticCodes.MalformedMdl) is { } file ? Read(file, diagnostics) : null;

    public static ModelDocument? Read(SourceFile file, DiagnosticBag diagnostics)
    {
        if (file.IsBinary(diagnostics, DiagnosticCodes.MalformedMdl, "a Vensim model is a text file of equations, each ending with '|'")) return null;
        var records = MdlRecords.Split(file, diagnostics);
        var definitions = new List<MdlDefinition>();
        var macros = new Dictionary<string, MdlMacro>();
        MdlMacroHeader? header = null;
        var body = new List<MdlEquation>();
        foreach (var record in records)
        {
            if (record.MacroEnd)
            {
                if (header is null)
                    diagnostics.Error(DiagnosticCodes.BadMacro, ":END OF MACRO: without a :MACRO: before it", record.Location);
                else AddMacro(header, body, macros, diagnostics);
                header = null;
                body.Clear();
                continue;
            }
            var definition = MdlParser.Parse(record, diagnostics);
            if (definition is MdlMacroHeader macro)
            {
                if (header is not null)
                    diagnostics.Error(DiagnosticCodes.BadMacro, $"the macro '{header.Name}' has no :END OF MACRO: before the next :MACRO:", header.Record.Location);
                header = macro;
                body.Clear();
            }
            else if (header is not null)
            {
                if (definition is MdlEquation equation) body.Add(equation);
                else if (definition is not null)
                    diagnostics.Error(DiagnosticCodes.UnsupportedVensimFeature, "only equations may be defined inside a macro", record.Location, header.Name);
            }
            else if (definition is not null) definitions.Add(definition);
        }
        if (header is not null)
            diagnostics.Error(DiagnosticCodes.BadMacro, $"the macro '{header.Name}' has no :END OF MACRO:", header.Record.Location,
                hint: "end the macro's equations with a line :END OF MACRO:");
        return new MdlModelBuilder(file, diagnostics, macros).Build(definitions, MdlRecords.SettingsMethod(file.Text));
    }

    private static void AddMacro(MdlMacroHeader header, List<MdlEquation> body, Dictionary<string, MdlMacro> macros, DiagnosticBag diagnostics)
    {
        var macro = new MdlMacro(header.Name, header.Inputs, header.Outputs, body.ToImmutableArray(), header.Record.Location);
        if (!body.Any(e => Identifier.Canonical(e.Left.Name) == macro.Canonical))
            diagnostics.Error(DiagnosticCodes.BadMacro, $"the macro '{macro.Name}' has no equation named '{macro.Name}', which gives its result", macro.Location);
        else if (!macros.TryAdd(macro.Canonical, macro))
            diagnostics.Error(DiagnosticCodes.BadMacro, $"the macro '{macro.Name}' is defined twice", macro.Location);
    }
}
