namespace Testbed.Load.Engine;

/// <summary>How each virtual client talks to the target.</summary>
/// <param name="KeepAlive">Reuse the connection between requests. Defaults per profile (ab: off unless -k).</param>
/// <param name="Timeout">Response timeout per request, from send to last byte. Defaults to 30 s (ab's -s).</param>
/// <param name="ConnectTimeout">Connect timeout. Defaults to 10 s.</param>
/// <param name="CheckLength">ab without -l: a body whose length differs from the first response's fails as "length".</param>
/// <param name="ReceiveBufferBytes">Receive buffer per client. Defaults to 8 KB; grows only for larger header blocks.</param>
internal sealed record ClientOptions(
    bool KeepAlive,
    TimeSpan Timeout,
    TimeSpan ConnectTimeout,
    bool CheckLength,
    int ReceiveBufferBytes = ClientOptions.DefaultReceiveBufferBytes)
{
    public const int DefaultReceiveBufferBytes = 8 * 1024;
    public const int MaxHeaderBytes = 64 * 1024;
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);
}
