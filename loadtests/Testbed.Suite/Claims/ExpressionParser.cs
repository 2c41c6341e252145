namespace Testbed.Suite.Claims;

/// <summary>
/// Recursive-descent parser. Precedence, lowest first: or (||), and (&amp;&amp;), not (!),
/// comparisons (&lt; &lt;= &gt; &gt;= == !=, not chainable), + -, * /, unary minus, then numbers,
/// references, calls and parentheses.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly List<Token> _tokens;
    private int _index;

    private ExpressionParser(string text) => _tokens = Tokenizer.Tokenize(text);

    public static ExpressionNode Parse(string text)
    {
        var parser = new ExpressionParser(text);
        var node = parser.ParseOr();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw new ExpressionException($"unexpected '{parser.Current.Text}' at {parser.Current.Position}");
        }

        return node;
    }

    private Token Current => _tokens[_index];

    private bool IsWord(params string[] words) =>
        (Current.Kind == TokenKind.Identifier || Current.Kind == TokenKind.Operator) && words.Contains(Current.Text);

    private ExpressionNode ParseOr()
    {
        var left = ParseAnd();
        while (IsWord("or", "||"))
        {
            _index++;
            left = new BinaryNode("or", RequireBoolean(left), RequireBoolean(ParseAnd()));
        }

        return left;
    }

    private ExpressionNode ParseAnd()
    {
        var left = ParseNot();
        while (IsWord("and", "&&"))
        {
            _index++;
            left = new BinaryNode("and", RequireBoolean(left), RequireBoolean(ParseNot()));
        }

        return left;
    }

    private ExpressionNode ParseNot()
    {
        if (IsWord("not", "!"))
        {
            _index++;
            return new UnaryNode("not", RequireBoolean(ParseNot()));
        }

        return ParseComparison();
    }

    private ExpressionNode ParseComparison()
    {
        var left = ParseAdditive();
        if (Current.Kind == TokenKind.Operator && Current.Text is "<" or "<=" or ">" or ">=" or "==" or "!=")
        {
            var op = Current.Text;
            _index++;
            var right = ParseAdditive();
            var node = new BinaryNode(op, RequireNumber(left), RequireNumber(right));
            if (Current.Kind == TokenKind.Operator && Current.Text is "<" or "<=" or ">" or ">=" or "==" or "!=")
            {
                throw new ExpressionException($"comparisons cannot be chained (at {Current.Position}); use 'and'");
            }

            return node;
        }

        return left;
    }

    private ExpressionNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.Kind == TokenKind.Operator && Current.Text is "+" or "-")
        {
            var op = Current.Text;
            _index++;
            left = new BinaryNode(op, RequireNumber(left), RequireNumber(ParseMultiplicative()));
        }

        return left;
    }

    private ExpressionNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Current.Kind == TokenKind.Operator && Current.Text is "*" or "/")
        {
            var op = Current.Text;
            _index++;
            left = new BinaryNode(op, RequireNumber(left), RequireNumber(ParseUnary()));
        }

        return left;
    }

    private ExpressionNode ParseUnary()
    {
        if (Current.Kind == TokenKind.Operator && Current.Text == "-")
        {
            _index++;
            return new UnaryNode("-", RequireNumber(ParseUnary()));
        }

        if (Current.Kind == TokenKind.Operator && Current.Text == "+")
        {
            _index++;
            return RequireNumber(ParseUnary());
        }

        return ParsePrimary();
    }

    private ExpressionNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                _index++;
                return new NumberNode(token.Number);
            case TokenKind.LeftParen:
            {
                _index++;
                var inner = ParseOr();
                Expect(TokenKind.RightParen, ")");
                return inner;
            }

            case TokenKind.Identifier when token.Text is "and" or "or" or "not":
                throw new ExpressionException($"unexpected '{token.Text}' at {token.Position}");
            case TokenKind.Identifier when _tokens[_index + 1].Kind == TokenKind.LeftParen:
            {
                if (!CallNode.Functions.Contains(token.Text) && token.Text != PairedRatioNode.Function)
                {
                    throw new ExpressionException($"unknown function '{token.Text}' at {token.Position} (allowed: abs, min, max, {PairedRatioNode.Function})");
                }

                _index += 2;
                var arguments = new List<ExpressionNode> { RequireNumber(ParseAdditive()) };
                while (Current.Kind == TokenKind.Comma)
                {
                    _index++;
                    arguments.Add(RequireNumber(ParseAdditive()));
                }

                Expect(TokenKind.RightParen, ")");
                if (token.Text == "abs" && arguments.Count != 1)
                {
                    throw new ExpressionException($"abs takes one argument (at {token.Position})");
                }

                if (token.Text == PairedRatioNode.Function)
                {
                    return PairedRatioNode.Create(arguments, token.Position);
                }

                if (token.Text != "abs" && arguments.Count < 2)
                {
                    throw new ExpressionException($"{token.Text} takes at least two arguments (at {token.Position})");
                }

                return new CallNode(token.Text, arguments);
            }

            case TokenKind.Identifier:
                _index++;
                return new ReferenceNode(token.Text, token.Position);
            case TokenKind.End:
                throw new ExpressionException("unexpected end of expression");
            default:
                throw new ExpressionException($"unexpected '{token.Text}' at {token.Position}");
        }
    }

    private void Expect(TokenKind kind, string text)
    {
        if (Current.Kind != kind)
        {
            throw new ExpressionException($"expected '{text}' at {Current.Position}");
        }

        _index++;
    }

    private static ExpressionNode RequireNumber(ExpressionNode node) =>
        node.IsBoolean ? throw new ExpressionException($"{node} is a condition where a number is expected") : node;

    private static ExpressionNode RequireBoolean(ExpressionNode node) =>
        node.IsBoolean ? node : throw new ExpressionException($"{node} is a number where a condition is expected");
}
