namespace Testbed.Suite.Claims;

/// <summary>One lexical token of a claim expression; <see cref="Position"/> is for error messages.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, double Number, int Position);
