namespace Testbed.Load.Engine;

/// <summary>Everything a run needs besides its profile.</summary>
/// <param name="HardStop">Nothing runs past this, measured from the start; in-flight requests are aborted. </param>
internal sealed record RunSetup(
    Target Target,
    RequestTemplate Request,
    ClientOptions Client,
    int Seed,
    TimeSpan HardStop);
