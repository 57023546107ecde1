using EcsConsole.Core.Schedules;

namespace EcsConsole.Tests.Core.Schedules;

/// <summary>"Weekdays 19:00–07:00 and weekends": across midnight, over the weekend and in other time zones.</summary>
public sealed class ParkRuleTests
{
    private static readonly ParkRule OfficeHoursUtc = Rule("UTC");

    private static ParkRule Rule(string zone, bool weekends = true)
        => new(ParkRule.Weekdays, new TimeOnly(19, 0), new TimeOnly(7, 0), weekends, ParkRule.FindTimeZone(zone)!);

    // 2026-03-16 is a Monday.
    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(16, 6, 59, ParkState.Parked)] // Monday morning: the weekend's night is not over
    [InlineData(16, 7, 0, ParkState.Running)]
    [InlineData(16, 18, 59, ParkState.Running)]
    [InlineData(16, 19, 0, ParkState.Parked)]
    [InlineData(17, 0, 30, ParkState.Parked)] // across midnight
    [InlineData(17, 12, 0, ParkState.Running)]
    [InlineData(20, 23, 0, ParkState.Parked)] // Friday night runs into the weekend
    [InlineData(21, 12, 0, ParkState.Parked)] // Saturday noon
    [InlineData(22, 20, 0, ParkState.Parked)] // Sunday evening
    public void WeekdayNightsAndWeekendsAreParked(int day, int hour, int minute, ParkState expected)
        => Assert.Equal(expected, OfficeHoursUtc.StateAt(Utc(day, hour, minute)));

    [Fact]
    public void WithoutWeekendsSaturdayRunsAfterFridaysNightEnds()
    {
        var rule = Rule("UTC", weekends: false);
        Assert.Equal(ParkState.Parked, rule.StateAt(Utc(21, 6, 0)));
        Assert.Equal(ParkState.Running, rule.StateAt(Utc(21, 12, 0)));
        Assert.Equal(ParkState.Running, rule.StateAt(Utc(23, 6, 0))); // Sunday has no night: Monday morning runs
    }

    [Fact]
    public void TheNextChangesWalkThroughTheWeek()
    {
        Assert.Equal(new ParkTransition(Utc(16, 19), ParkState.Parked), OfficeHoursUtc.NextTransition(Utc(16, 12)));
        Assert.Equal(new ParkTransition(Utc(17, 7), ParkState.Running), OfficeHoursUtc.NextTransition(Utc(16, 19)));
        // Friday 19:00 → Monday 07:00 in one piece.
        Assert.Equal(new ParkTransition(Utc(23, 7), ParkState.Running), OfficeHoursUtc.NextTransition(Utc(20, 19)));
    }

    [Fact]
    public void TimesAreWallClockTimesInTheScheduleTimeZoneAcrossDaylightSaving()
    {
        var berlin = Rule("Europe/Berlin");
        // Winter: Berlin is UTC+1, so 19:00 local is 18:00 UTC.
        Assert.Equal(ParkState.Parked, berlin.StateAt(Utc(16, 18, 30)));
        Assert.Equal(ParkState.Running, OfficeHoursUtc.StateAt(Utc(16, 18, 30)));
        Assert.Equal(Utc(16, 18), berlin.NextTransition(Utc(16, 12))!.At);
        // Summer time starts on 2026-03-29: Monday 30 March unparks at 07:00 CEST = 05:00 UTC.
        Assert.Equal(new ParkTransition(new DateTimeOffset(2026, 3, 30, 5, 0, 0, TimeSpan.Zero), ParkState.Running),
            berlin.NextTransition(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void ASameDayWindowParksOnlyBetweenItsTimes()
    {
        var lunch = new ParkRule(new HashSet<DayOfWeek> { DayOfWeek.Wednesday }, new TimeOnly(12, 0), new TimeOnly(13, 0), false, TimeZoneInfo.Utc);
        Assert.Equal(ParkState.Running, lunch.StateAt(Utc(18, 11, 59)));
        Assert.Equal(ParkState.Parked, lunch.StateAt(Utc(18, 12, 30)));
        Assert.Equal(ParkState.Running, lunch.StateAt(Utc(18, 13, 0)));
        Assert.Equal(ParkState.Running, lunch.StateAt(Utc(19, 12, 30)));
    }

    [Fact]
    public void TheSummaryReadsLikeTheRequest()
        => Assert.Equal("Parked weekdays 19:00–07:00 (overnight) and all weekend (UTC)", OfficeHoursUtc.Summary());

    [Theory]
    [InlineData("Mars/Olympus", "Unknown time zone")]
    [InlineData("UTC", "must differ")]
    public void BadSchedulesAreRefusedWithASentence(string zone, string expected)
    {
        var park = expected == "must differ" ? new TimeOnly(7, 0) : new TimeOnly(19, 0);
        Assert.Contains(expected, ParkRule.Validate(ParkRule.Weekdays, park, new TimeOnly(7, 0), true, zone));
        Assert.Contains("at least one day", ParkRule.Validate(new HashSet<DayOfWeek>(), park, new TimeOnly(8, 0), false, "UTC"));
    }
}
