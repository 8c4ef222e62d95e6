using System.Text.RegularExpressions;

namespace Simulation.Engine.Model.Json;

/// <summary>Finds the node a schema validator's path (<c>#/variables[3].kind</c>) names, for an exact location.</summary>
public static partial class JsonPaths
{
    [GeneratedRegex(@"\[(\d+)\]|\.?([^.\[\]]+)")]
    private static partial Regex Segment();

    /// <summary>
    /// The file offset of the node at <paramref name="path"/>: its value, or (for <paramref name="atName"/>) the
    /// property's name. Falls back to the deepest node that exists.
    /// </summary>
    public static int Offset(JsonNode root, string path, bool atName = false)
    {
        string p = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        JsonNode node = root;
        int offset = root.Start;
        foreach (Match m in Segment().Matches(p))
        {
            if (m.Groups[1].Success && node is JsonArray array && int.Parse(m.Groups[1].Value) is int i && i < array.Items.Count)
            {
                node = array.Items[i];
                offset = node.Start;
            }
            else if (m.Groups[2].Success && node is JsonObject obj && obj.Find(m.Groups[2].Value) is { } property)
            {
                node = property.Value;
                offset = atName ? property.NameStart : node.Start;
            }
            else break;
        }
        return offset;
    }
}
