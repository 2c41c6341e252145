namespace Testbed.Load.Engine;

/// <summary>Everything a run needs besides its profile.</summary>
/// <param name="HardStop">Nothing runs past this, measured from the start; in-flight requests are aborted. </param>
/// <param name="Io">Socket engine, "epoll" or "dotnet". Defaults to epoll where it is available (Linux).</param>
/// <param name="IoThreads">Event-loop threads of the epoll engine. Defaults (0) to one per two cores.</param>
internal sealed record RunSetup(
    Target Target,
    RequestTemplate Request,
    ClientOptions Client,
    int Seed,
    TimeSpan HardStop,
    string Io = Io.ClientTransport.Epoll,
    int IoThreads = 0);
