using EcsConsole.Core.Tasks;

namespace EcsConsole.Tests.Core.Tasks;

/// <summary>Stop codes and exit codes read as sentences a person can act on.</summary>
public sealed class StopReasonExplainerTests
{
    [Fact]
    public void Exit137IsExplainedAsKilledLikelyOutOfMemory()
    {
        var text = string.Join(" ", StopReasonExplainer.Explain("EssentialContainerExited", "Essential container in task exited", [new ContainerExit("web", 137, null)]));

        Assert.Contains("web exited", text);
        Assert.Contains("exited with code 137: it was killed (SIGKILL), most likely because it ran out of memory", text);
    }

    [Fact]
    public void APullFailurePointsAtTheExecutionRoleAndTheNetworkPath()
    {
        var text = string.Join(" ", StopReasonExplainer.Explain("TaskFailedToStart",
            "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref", []));

        Assert.Contains("image could not be pulled", text);
        Assert.Contains("execution role", text);
        Assert.Contains("public IP", text);
        Assert.Contains("NAT", text);
        Assert.Contains("The task never started.", text);
    }

    [Theory]
    [InlineData("UserInitiated", "Stopped by Olga via EcsConsole: done", "Someone stopped the task: Stopped by Olga via EcsConsole: done")]
    [InlineData("ServiceSchedulerInitiated", "Task failed ELB health checks", "The service stopped this task itself")]
    [InlineData("SpotInterruption", "Your Spot Task was interrupted.", "Fargate Spot took the capacity back")]
    [InlineData(null, "OutOfMemoryError: Container killed due to memory usage", "ran out of memory")]
    [InlineData("TaskFailedToStart", "Capacity is unavailable at this time. Please try again later or in a different availability zone", "use FARGATE instead of FARGATE_SPOT")]
    public void EachStopCodeHasASentence(string? code, string reason, string expected)
        => Assert.Contains(StopReasonExplainer.Explain(code, reason, []), s => s.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void AnUnknownReasonIsPassedOnAsEcsSaidIt()
        => Assert.Equal(["ECS said: Something new happened"], StopReasonExplainer.Explain("SomethingNew", "Something new happened", []));
}
