using EcsConsole.Sandbox.State;

namespace EcsConsole.Sandbox.Logs;

/// <summary>Appending to log streams, shared by PutLogEvents and the simulated containers.</summary>
internal static class LogStore
{
    // A sandbox stream is not an archive: the oldest events go once a stream holds this many.
    public const int MaxEventsPerStream = 20_000;

    public static LogStreamState GetOrCreateStream(LogGroupState group, string name, DateTimeOffset at)
    {
        var stream = group.Streams.FirstOrDefault(s => s.Name == name);
        if (stream is null)
        {
            stream = new LogStreamState { Name = name, CreatedAt = at };
            group.Streams.Add(stream);
        }

        return stream;
    }

    public static void Append(LogStreamState stream, long timestamp, long ingestionTime, string message)
    {
        var entry = new LogEventState { Timestamp = timestamp, IngestionTime = ingestionTime, Sequence = stream.NextSequence++, Message = message };
        var events = stream.Events;
        // Events are kept in timestamp order; most arrive in order, so search from the end.
        var index = events.Count;
        while (index > 0 && events[index - 1].Timestamp > timestamp) index--;
        events.Insert(index, entry);
        if (events.Count > MaxEventsPerStream) events.RemoveRange(0, events.Count - MaxEventsPerStream);
    }
}
