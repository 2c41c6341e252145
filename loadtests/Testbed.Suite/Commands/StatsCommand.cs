using System.CommandLine;
using System.Text.Json;
using Testbed.Common;
using Testbed.Suite.Pipeline;

namespace Testbed.Suite.Commands;

/// <summary>
/// <c>testbed-suite stats ROLE=STATS_URL… --out FILE</c>: reads the stats of roles running
/// elsewhere (a swarm's services, Kubernetes pods behind a port-forward) into one snapshot file
/// (<see cref="StatsSnapshot"/>), run before and after a load so that <c>grade --stats-before
/// --stats-after</c> can cost the server as a suite run does. A role that does not answer is
/// recorded as an error (its figures are then "not measured"); the file is written either way.
/// Exit 0 when every role answered, 1 when one did not, 2 on bad input.
/// </summary>
internal static class StatsCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var roles = new Argument<string[]>("role") { Description = "ROLE=STATS_URL: a role's name as the experiment names it (backend1, lb1) and its stats (http://HOST:PORT/stats for testbed-server web, /proxy/stats for testbed-proxy, the --stats-port of a TCP server)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The snapshot file to write (JSON: the time and each role's stats answer)", Required = true };
        var command = new Command("stats", "Snapshot the stats of roles running elsewhere into one file, before or after a load, for grade --stats-before/--stats-after");
        command.Arguments.Add(roles);
        command.Options.Add(output);
        command.SetAction(async (parse, ct) =>
        {
            var targets = parse.GetValue(roles)!.Select(Target).ToList();
            if (targets.GroupBy(t => t.Role).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new UsageException($"role '{twice.Key}' is named twice");
            }

            using var http = new HttpClient { Timeout = Timeout };
            var at = TimeProvider.System.GetUtcNow();
            var reads = await Task.WhenAll(targets.Select(async t => (t.Role, t.Url, Answer: await ReadAsync(http, t.Url, ct))));
            var snapshot = new StatsSnapshot
            {
                At = at,
                Answers = reads.Where(r => r.Answer.Json is not null).ToDictionary(r => r.Role, r => r.Answer.Json!),
                Errors = reads.Where(r => r.Answer.Json is null).ToDictionary(r => r.Role, r => r.Answer.Error!),
            };
            var path = parse.GetValue(output)!;
            try
            {
                File.WriteAllText(path, snapshot.ToJson());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--out: cannot write {path}: {e.Message}");
            }

            foreach (var (role, url, answer) in reads)
            {
                var figures = answer.Json is null ? null : snapshot.Process(role);
                Console.WriteLine(answer.Json is null ? $"{role}: not read ({answer.Error})"
                    : figures is null ? $"{role}: read {url}, but it reports no process figures (cpuMs, fds)"
                    : $"{role}: cpuMs {figures.CpuMs:0.#}, throttledMs {figures.ThrottledMs:0.#}, fds {figures.Fds}");
            }

            return reads.All(r => r.Answer.Json is not null) ? CommandLineApp.ExitOk : CommandLineApp.ExitFailure;
        });
        return command;
    }

    private static async Task<(string? Json, string? Error)> ReadAsync(HttpClient http, Uri url, CancellationToken ct)
    {
        try
        {
            var json = await http.GetStringAsync(url, ct);
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? (json, null) : (null, $"{url} answered no JSON object");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !ct.IsCancellationRequested)
        {
            return (null, $"{url}: {e.Message}");
        }
    }

    private static (string Role, Uri Url) Target(string text)
    {
        var equals = text.IndexOf('=');
        return equals > 0 && Uri.TryCreate(text[(equals + 1)..], UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? (text[..equals], url)
            : throw new UsageException($"a role must be ROLE=http://HOST:PORT/PATH, not '{text}'");
    }
}
