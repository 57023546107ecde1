using EcsConsole.Core.Services;

namespace EcsConsole.Tests.Core.Services;

public sealed class ParkMathTests
{
    [Fact]
    public void Park_scales_to_zero_and_remembers_the_count_it_replaces()
    {
        var d = ParkMath.Park("web", 3, null, null);

        Assert.True(d.ScaleToZero);
        Assert.Equal(3, d.Remember);
        Assert.Equal("Parked web: scaled from 3 tasks to 0; unpark brings back 3 tasks.", d.Message);
    }

    [Fact]
    public void Parking_an_already_parked_service_keeps_the_original_count()
    {
        var d = ParkMath.Park("web", 0, 3, null);

        Assert.False(d.ScaleToZero);
        Assert.Equal(3, d.Remember);
        Assert.Equal("web is already parked; unpark will bring back 3 tasks.", d.Message);
        // Only the service tag knows (parked from another console instance): it is kept too.
        Assert.Equal(2, ParkMath.Park("web", 0, null, 2).Remember);
    }

    [Fact]
    public void Unpark_restores_the_remembered_count_preferring_the_database_over_the_tag()
    {
        var d = ParkMath.Unpark("web", 0, 3, 5);

        Assert.Equal((3, true), (d.DesiredCount, d.WasRemembered));
        Assert.Equal("Unparked web: back to 3 tasks.", d.Message);
        Assert.Equal(5, ParkMath.Unpark("web", 0, null, 5).DesiredCount);
    }

    [Fact]
    public void Unpark_without_memory_starts_one_task_and_says_so()
    {
        var d = ParkMath.Unpark("web", 0, null, null);

        Assert.Equal((1, false), (d.DesiredCount, d.WasRemembered));
        Assert.Equal("No earlier count was remembered for web, so it was started with 1 task; scale it if it needs more.", d.Message);
    }

    [Fact]
    public void Unpark_of_a_running_service_without_memory_leaves_it_alone()
    {
        var d = ParkMath.Unpark("web", 4, null, null);

        Assert.Equal(4, d.DesiredCount);
        Assert.Equal("web is not parked; it runs 4 tasks.", d.Message);
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("", null)]
    [InlineData("-1", null)]
    [InlineData("three", null)]
    public void The_parked_count_tag_is_read_strictly(string value, int? expected) => Assert.Equal(expected, ParkMath.ParseTag(value));
}
