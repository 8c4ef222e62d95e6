using Newtonsoft.Json;

namespace Simulation.Engine.Conformance;

/// <summary>
/// A case set aside because its canonical output cannot be reproduced from the XMILE file as written
/// (the output is wrong for the file, or the file is not the model the output came from), with the
/// evidence, and how it is expected to fail: with an error code, or with a mismatch in a column. The
/// expectation is checked, so a set-aside case that starts passing (or fails differently) is noticed.
/// </summary>
public sealed record SetAsideCase
{
    [JsonProperty("case", Required = Required.Always)]
    public string Case { get; init; } = "";

    [JsonProperty("expectError")]
    public string? ExpectError { get; init; }

    [JsonProperty("expectMismatch")]
    public string? ExpectMismatch { get; init; }

    /// <summary>Another output file in the case's folder (e.g. output_stella.csv) that the run must agree with by the same rule.</summary>
    [JsonProperty("matches")]
    public string? Matches { get; init; }

    [JsonProperty("reason", Required = Required.Always)]
    public string Reason { get; init; } = "";

    [JsonProperty("evidence", Required = Required.Always)]
    public string Evidence { get; init; } = "";

    /// <summary>
    /// Whether a case behaves exactly as this entry says: fails as stated and, when <see cref="Matches"/>
    /// names another output, agrees with that one. Null when it does, otherwise what differs.
    /// </summary>
    public string? Unexpected(CaseResult result, CaseResult? alternative)
    {
        if (result.Passed) return "the case passes: it no longer needs to be set aside";
        if (Matches is not null && alternative is not { Passed: true })
            return $"the run does not agree with {Matches}: {alternative?.Detail ?? "not compared"}";
        if (ExpectError is { } code)
            return result.Outcome == CaseOutcome.Error && result.ErrorCodes.Contains(code)
                ? null
                : $"expected error {code}, got {result.Outcome}: {result.Detail}";
        if (ExpectMismatch is { } column)
            return result.Outcome == CaseOutcome.Mismatch && (result.Detail?.StartsWith($"'{column}'", StringComparison.Ordinal) == true
                                                              || result.Detail == $"the run has no column '{column}'")
                ? null
                : $"expected a mismatch in '{column}', got {result.Outcome}: {result.Detail}";
        return "the entry names neither expectError nor expectMismatch";
    }
}

/// <summary>The set-aside cases of a corpus, read from <c>set-aside.json</c> in its folder (absent: none).</summary>
public sealed class SetAsideList
{
    public const string FileName = "set-aside.json";

    private readonly Dictionary<string, SetAsideCase> _byCase;

    private SetAsideList(IEnumerable<SetAsideCase> cases) => _byCase = cases.ToDictionary(c => c.Case, StringComparer.Ordinal);

    public static SetAsideList Empty { get; } = new([]);

    public IReadOnlyCollection<SetAsideCase> Cases => _byCase.Values;

    public SetAsideCase? Find(string caseName) => _byCase.GetValueOrDefault(caseName);

    public static SetAsideList ReadFor(string corpusFolder)
    {
        string path = Path.Combine(corpusFolder, FileName);
        if (!File.Exists(path)) return Empty;
        var file = JsonConvert.DeserializeObject<SetAsideFile>(File.ReadAllText(path))
                   ?? throw new InvalidDataException($"{path} is empty");
        return new SetAsideList(file.Cases);
    }

    private sealed record SetAsideFile
    {
        [JsonProperty("cases", Required = Required.Always)]
        public List<SetAsideCase> Cases { get; init; } = [];
    }
}
