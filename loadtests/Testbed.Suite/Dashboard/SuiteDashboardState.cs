namespace Testbed.Suite.Dashboard;

/// <summary>
/// The suite's state at one moment, as <c>GET /suite</c> gives it and the banner shows it: each
/// step started or ended bumps <see cref="Sequence"/>, by which an open page knows to reload.
/// </summary>
internal sealed record SuiteDashboardState(
    int Sequence,
    bool Running,
    string Experiment,
    string Step,
    string Run,
    int Generators,
    IReadOnlyList<string> Done,
    bool Finished);
