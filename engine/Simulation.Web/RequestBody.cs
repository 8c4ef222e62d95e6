using System.Text;
using Microsoft.AspNetCore.Http;

namespace Simulation.Web;

/// <summary>Reads a request body as UTF-8 text, never more than a limit: what is declared larger, or turns out larger, is refused (null).</summary>
internal static class RequestBody
{
    public static async Task<string?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellation)
    {
        if (request.ContentLength > limit) return null;
        var buffer = new byte[Math.Min(limit + 1, 16 * 1024)];
        using var text = new MemoryStream();
        while (true)
        {
            int read = await request.Body.ReadAsync(buffer, cancellation);
            if (read == 0) break;
            if (text.Length + read > limit) return null;
            text.Write(buffer, 0, read);
        }
        return new UTF8Encoding(false, false).GetString(text.GetBuffer(), 0, (int)text.Length);
    }
}
