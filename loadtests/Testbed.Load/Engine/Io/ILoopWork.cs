namespace Testbed.Load.Engine.Io;

/// <summary>Something another thread hands to an <see cref="EpollLoop"/> to be done on the loop's thread.</summary>
internal interface ILoopWork
{
    void RunOnLoop();
}
