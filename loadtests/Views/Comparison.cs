namespace Testbed.Views;

/// <summary>Two runs compared figure by figure; <see cref="NoiseNote"/> says where each noise threshold came from.</summary>
internal sealed record Comparison(string Title, string BaseName, string NewName, IReadOnlyList<ComparedFigure> Figures, string NoiseNote)
{
    /// <summary>The figures a CI gate fails on: judged worse, by more than <paramref name="percent"/>.</summary>
    public IReadOnlyList<ComparedFigure> WorseThan(double percent) =>
        Figures.Where(f => f.Verdict == ComparedFigure.Worse && f.WorsePercent > percent).ToList();
}
