using System.Globalization;
using System.Text;

namespace Simulation.Engine.Model.Json;

/// <summary>
/// Writes JSON the way people lay out model files by hand: one property per line, objects indented,
/// lists of plain values (numbers, names) on one line. Numbers are written so they read back as the
/// same double; strings are escaped per RFC 8259.
/// </summary>
public sealed class PrettyJsonWriter(TextWriter writer)
{
    private readonly Stack<bool> _first = new();
    private int _indent;

    public void BeginObject()
    {
        writer.Write('{');
        _first.Push(true);
        _indent++;
    }

    public void EndObject()
    {
        _indent--;
        bool empty = _first.Pop();
        if (!empty) NewLine();
        writer.Write('}');
    }

    /// <summary>Starts a property; follow with a value or BeginObject/BeginArray.</summary>
    public void Name(string name)
    {
        Separator();
        NewLine();
        writer.Write(Quote(name));
        writer.Write(": ");
    }

    public void Property(string name, string value)
    {
        Name(name);
        writer.Write(Quote(value));
    }

    public void Property(string name, double value)
    {
        Name(name);
        writer.Write(Number(value));
    }

    public void Property(string name, bool value)
    {
        Name(name);
        writer.Write(value ? "true" : "false");
    }

    /// <summary>A value written as is: the caller guarantees it is valid JSON (e.g. a number literal from the model).</summary>
    public void RawProperty(string name, string json)
    {
        Name(name);
        writer.Write(json);
    }

    public void Property(string name, IEnumerable<string> values)
    {
        Name(name);
        writer.Write('[' + string.Join(", ", values.Select(Quote)) + ']');
    }

    public void Property(string name, IEnumerable<double> values)
    {
        Name(name);
        writer.Write(List(values));
    }

    /// <summary>A list of numbers as JSON: <c>[1, 2.5, 3]</c>.</summary>
    public static string List(IEnumerable<double> values) => '[' + string.Join(", ", values.Select(Number)) + ']';

    /// <summary>Starts an array of objects (each begun with <see cref="BeginArrayItem"/>).</summary>
    public void BeginArray()
    {
        writer.Write('[');
        _first.Push(true);
        _indent++;
    }

    public void BeginArrayItem()
    {
        Separator();
        NewLine();
    }

    public void EndArray()
    {
        _indent--;
        bool empty = _first.Pop();
        if (!empty) NewLine();
        writer.Write(']');
    }

    private void Separator()
    {
        if (_first.Count == 0) return;
        if (_first.Pop()) _first.Push(false);
        else
        {
            _first.Push(false);
            writer.Write(',');
        }
    }

    private void NewLine()
    {
        writer.Write('\n');
        writer.Write(new string(' ', 2 * _indent));
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < ' ') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }
}
