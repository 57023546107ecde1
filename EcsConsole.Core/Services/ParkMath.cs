namespace EcsConsole.Core.Services;

/// <summary>What parking a service does to its desired count and to what is remembered.</summary>
public sealed record ParkDecision(bool ScaleToZero, int? Remember, string Message);

/// <summary>What unparking a service does.</summary>
public sealed record UnparkDecision(int DesiredCount, bool WasRemembered, string Message);

/// <summary>
/// The arithmetic of parking: park remembers the count it replaces, parking an already parked
/// service keeps the first count (never overwriting it with 0), unpark restores it.
/// </summary>
public static class ParkMath
{
    public const int FallbackUnparkCount = 1;

    /// <param name="currentDesired">The service's desired count now.</param>
    /// <param name="remembered">The count remembered in the console's database, if any.</param>
    /// <param name="tagged">The count in the service's ecsconsole:parked-desired-count tag, if any.</param>
    public static ParkDecision Park(string service, int currentDesired, int? remembered, int? tagged)
    {
        var earlier = remembered ?? tagged;
        if (currentDesired == 0)
        {
            return earlier is { } count
                ? new ParkDecision(false, count, $"{service} is already parked; unpark will bring back {Tasks(count)}.")
                : new ParkDecision(false, null, $"{service} already runs no tasks; there is nothing to park.");
        }

        return new ParkDecision(true, currentDesired, $"Parked {service}: scaled from {Tasks(currentDesired)} to 0; unpark brings back {Tasks(currentDesired)}.");
    }

    public static UnparkDecision Unpark(string service, int currentDesired, int? remembered, int? tagged)
    {
        if ((remembered ?? tagged) is { } count and > 0)
        {
            return new UnparkDecision(count, true, $"Unparked {service}: back to {Tasks(count)}.");
        }

        if (currentDesired > 0)
        {
            return new UnparkDecision(currentDesired, false, $"{service} is not parked; it runs {Tasks(currentDesired)}.");
        }

        return new UnparkDecision(FallbackUnparkCount, false,
            $"No earlier count was remembered for {service}, so it was started with {Tasks(FallbackUnparkCount)}; scale it if it needs more.");
    }

    public static int? ParseTag(string? value)
        => int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string Tasks(int n) => n == 1 ? "1 task" : $"{n} tasks";
}
