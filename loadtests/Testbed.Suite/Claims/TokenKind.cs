namespace Testbed.Suite.Claims;

internal enum TokenKind
{
    Number,
    Identifier,
    Operator,
    LeftParen,
    RightParen,
    Comma,
    End,
}
