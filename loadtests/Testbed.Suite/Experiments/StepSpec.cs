using System.Text.Json;

namespace Testbed.Suite.Experiments;

/// <summary>
/// One load: <c>testbed-load Profile Args... URL --json FILE --quiet</c>, where URL is the role's
/// base URL plus <see cref="Path"/> (tcp://host:port for TCP roles). Its name is the scope of its
/// figures in claims (<c>c10.rps</c>).
/// </summary>
internal sealed record StepSpec
{
    public required string Name { get; init; }

    public required string Role { get; init; }

    public string Path { get; init; } = "";

    /// <summary>ab, users, threads, rate or capacity.</summary>
    public required string Profile { get; init; }

    public List<string> Args { get; init; } = [];

    /// <summary>
    /// Arguments of an unmeasured warm-up load of the same profile and URL, run first (JIT, connection
    /// pools, every worker process touched), as crank warms up before it measures. Null = none.
    /// </summary>
    public List<string>? Warmup { get; init; }

    /// <summary>Run the load this many times and keep the run with the median rps. Defaults to 1.</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>An expression over param.* giving the expected seconds, for the progress line's time left.</summary>
    public string EstimateSeconds { get; init; } = "5";

    /// <summary>A label for tables and charts; defaults to the name.</summary>
    public string? Label { get; init; }

    /// <summary>Roles whose CPU counts as this step's server cost besides the target (and the roles its command line names).</summary>
    public List<string> Measure { get; init; } = [];

    /// <summary>
    /// How many testbed-load processes share the load, each running its segment (<c>--segment I/G</c>)
    /// at the same time; the suite merges their records and grades the merged one. A number or a
    /// "{param}" placeholder (so that quick and full may differ). Defaults to 1.
    /// </summary>
    public JsonElement? Generators { get; init; }

    /// <summary>
    /// Only full runs measure the step (it does not fit the quick budget); in quick runs it is not
    /// run, and claims and expectations that name it are not evaluated, saying so. Defaults to false.
    /// </summary>
    public bool FullOnly { get; init; }

    /// <summary>
    /// The limit the source's explanation expects for this step (one of Measurement.LimitKinds.All:
    /// "slots", "cpu", "none", …), graded like a claim against the limit measured; null = no expectation.
    /// </summary>
    public string? ExpectLimit { get; init; }
}
