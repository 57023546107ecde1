using System.Runtime.CompilerServices;

[assembly: CaptureConsole]

namespace EcsConsole.Tests;

internal static class TestAssemblySetup
{
    /// <summary>
    /// The suite hosts several web apps, sandboxes and browsers in one process on a 2-core machine; a
    /// larger thread-pool floor keeps a burst of blocking work from starving the apps' request threads.
    /// </summary>
    [ModuleInitializer]
    internal static void RaiseThreadPoolFloor() => ThreadPool.SetMinThreads(32, 32);
}
