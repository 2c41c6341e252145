namespace Testbed.Suite.Claims;

/// <summary>A claim expression that cannot be parsed, or cannot be evaluated (a missing figure).</summary>
internal sealed class ExpressionException(string message) : Exception(message);
