using System.Diagnostics;
using Testbed.Proxy.Stats;

namespace Testbed.Proxy.Tests.Stats;

/// <summary>The in-flight integral with caller-given stamps, as InFlightMiddleware feeds it.</summary>
public sealed class BusyIntegralTests
{
    private static readonly long Second = Stopwatch.Frequency;

    [Fact]
    public void Read_StampsTakingTheLockOutOfOrder_SameIntegralAsInOrder()
    {
        // Attempts in flight over [1 s, 3 s] and [2 s, 4 s]: 4 request-seconds.
        var inOrder = new BusyIntegral();
        inOrder.Enter(1 * Second);
        inOrder.Enter(2 * Second);
        inOrder.Leave(3 * Second);
        inOrder.Leave(4 * Second);

        // The same stamps, each change reaching the lock after a later-stamped one (threads
        // preempted between reading the clock and taking the lock).
        var outOfOrder = new BusyIntegral();
        outOfOrder.Enter(2 * Second);
        outOfOrder.Enter(1 * Second);
        outOfOrder.Leave(4 * Second);
        outOfOrder.Leave(3 * Second);

        Assert.Equal((0, 4000.0), inOrder.Read());
        Assert.Equal((0, 4000.0), outOfOrder.Read());
    }

    [Fact]
    public void Read_BackendAndTotalFedTheSameStamps_EqualIntegrals()
    {
        var a = new BusyIntegral();
        var b = new BusyIntegral();
        var total = new BusyIntegral();
        void Attempt(BusyIntegral backend, long from, long to)
        {
            backend.Enter(from);
            total.Enter(from);
            total.Leave(to);
            backend.Leave(to);
        }

        Attempt(a, 1 * Second, 2 * Second);
        Attempt(b, (3 * Second) / 2, 5 * Second);
        Attempt(a, 4 * Second, (9 * Second) / 2);

        Assert.Equal(a.Read().BusyMs + b.Read().BusyMs, total.Read().BusyMs);
        Assert.Equal(5000.0, total.Read().BusyMs);
    }
}
