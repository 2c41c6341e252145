using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Testbed.Suite.Experiments;
using Testbed.Suite.Results;

namespace Testbed.Suite.Verification;

/// <summary>
/// Verification before speed, as TechEmpower does: each target answers its endpoint correctly, and
/// variants meant to be equivalent answer equivalently. A fast wrong answer must never win a claim.
/// </summary>
internal sealed class Verifier(HttpClient http)
{
    private const int BodyPreview = 120;

    public async Task<CheckResult> CheckHttpAsync(string name, string url, int status, string? contains, CancellationToken ct)
    {
        try
        {
            var (code, body) = await GetAsync(url, ct);
            if (code != status)
            {
                return new CheckResult(name, false, $"GET {url} answered {code}, expected {status}: {Preview(body)}");
            }

            if (contains is not null && !body.Contains(contains, StringComparison.Ordinal))
            {
                return new CheckResult(name, false, $"GET {url} answered without \"{contains}\": {Preview(body)}");
            }

            return new CheckResult(name, true, $"GET {url} answered {code} ({Encoding.UTF8.GetByteCount(body)} bytes)");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new CheckResult(name, false, $"GET {url} failed: {e.Message}");
        }
    }

    /// <summary>The TCP echo contract: answer "HTTP/1.1 200 OK" and echo the request bytes.</summary>
    public static async Task<CheckResult> CheckTcpAsync(string name, string host, int port, string? contains, CancellationToken ct)
    {
        var request = $"GET /verify-{Guid.NewGuid():N} HTTP/1.1\r\nHost: {host}\r\n\r\n";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, timeout.Token);
            var answer = Encoding.ASCII.GetString(buffer.ToArray());
            if (!answer.StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
            {
                return new CheckResult(name, false, $"tcp://{host}:{port} answered {Preview(answer)}");
            }

            if (!answer.Contains(request.TrimEnd(), StringComparison.Ordinal))
            {
                return new CheckResult(name, false, $"tcp://{host}:{port} did not echo the request: {Preview(answer)}");
            }

            if (contains is not null && !answer.Contains(contains, StringComparison.Ordinal))
            {
                return new CheckResult(name, false, $"tcp://{host}:{port} answered without \"{contains}\"");
            }

            return new CheckResult(name, true, $"tcp://{host}:{port} answered 200 and echoed the request ({answer.Length} bytes)");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new CheckResult(name, false, $"tcp://{host}:{port} failed: {e.Message}");
        }
    }

    public async Task<CheckResult> CheckEquivalenceAsync(string name, string compare, IReadOnlyList<string> urls, CancellationToken ct)
    {
        var bodies = new List<string>();
        foreach (var url in urls)
        {
            try
            {
                var (code, body) = await GetAsync(url, ct);
                if (code is < 200 or >= 300)
                {
                    return new CheckResult(name, false, $"GET {url} answered {code}: {Preview(body)}");
                }

                bodies.Add(body);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                return new CheckResult(name, false, $"GET {url} failed: {e.Message}");
            }
        }

        for (var i = 1; i < bodies.Count; i++)
        {
            string? difference;
            if (compare == EquivalenceModes.Bytes)
            {
                difference = bodies[0] == bodies[i] ? null : $"bodies differ ({bodies[0].Length} vs {bodies[i].Length} chars)";
            }
            else
            {
                try
                {
                    using var a = JsonDocument.Parse(bodies[0]);
                    using var b = JsonDocument.Parse(bodies[i]);
                    difference = JsonEquivalence.FirstDifference(a.RootElement, b.RootElement);
                }
                catch (JsonException e)
                {
                    difference = "not JSON: " + e.Message;
                }
            }

            if (difference is not null)
            {
                return new CheckResult(name, false, $"{urls[0]} and {urls[i]} differ at {difference}");
            }
        }

        return new CheckResult(name, true, $"{urls.Count} variants answered equivalently ({bodies[0].Length} chars each)");
    }

    private async Task<(int Status, string Body)> GetAsync(string url, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var response = await http.GetAsync(url, timeout.Token);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
    }

    private static string Preview(string body)
    {
        var flat = body.ReplaceLineEndings(" ").Trim();
        return flat.Length <= BodyPreview ? flat : flat[..BodyPreview] + "…";
    }
}
