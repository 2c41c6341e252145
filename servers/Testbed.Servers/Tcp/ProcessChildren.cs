namespace Testbed.Servers.Tcp;

/// <summary>
/// The programs process mode can start per connection (<c>--child</c>), spelled identically on the
/// command line, in the ready line and in the docs.
/// </summary>
internal static class ProcessChildren
{
    /// <summary>
    /// The Native AOT <c>testbed-echo-child</c>: native code, started in about a millisecond, the
    /// counterpart of the source's fork of a running interpreter.
    /// </summary>
    public const string Aot = "aot";

    /// <summary>This same testbed-server (<c>tcp --serve-fd 0</c>): a whole .NET runtime start per connection.</summary>
    public const string Runtime = "runtime";

    public static readonly IReadOnlyList<string> All = [Aot, Runtime];

    /// <summary>File name of the Native AOT child, published beside testbed-server.</summary>
    public const string AotExecutableName = "testbed-echo-child";

    /// <summary>Environment variable naming the Native AOT child when --child-exe is absent.</summary>
    public const string AotExecutableVariable = "TESTBED_ECHO_CHILD";
}
