using System.Globalization;

namespace Testbed.Suite.Claims;

/// <summary>
/// Splits a claim expression into tokens. The language is deliberately tiny (numbers, dotted
/// references, arithmetic, comparisons, and/or/not, abs/min/max): experiment files are data that
/// anyone may edit, so nothing in them can run code.
/// </summary>
internal static class Tokenizer
{
    private static readonly string[] Operators = ["<=", ">=", "==", "!=", "&&", "||", "<", ">", "+", "-", "*", "/", "!"];

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
                {
                    i++;
                    if (i < text.Length && (text[i] == '+' || text[i] == '-'))
                    {
                        i++;
                    }

                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }

                var literal = text[start..i];
                if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    throw new ExpressionException($"bad number '{literal}' at {start}");
                }

                tokens.Add(new Token(TokenKind.Number, literal, value, start));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], 0, start));
                continue;
            }

            switch (c)
            {
                case '(':
                    tokens.Add(new Token(TokenKind.LeftParen, "(", 0, i++));
                    continue;
                case ')':
                    tokens.Add(new Token(TokenKind.RightParen, ")", 0, i++));
                    continue;
                case ',':
                    tokens.Add(new Token(TokenKind.Comma, ",", 0, i++));
                    continue;
            }

            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0)
                ?? throw new ExpressionException($"unexpected character '{c}' at {i}");
            tokens.Add(new Token(TokenKind.Operator, op, 0, i));
            i += op.Length;
        }

        tokens.Add(new Token(TokenKind.End, "", 0, text.Length));
        return tokens;
    }
}
