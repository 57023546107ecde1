using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EcsConsole.Tests.Infrastructure;

/// <summary>Keeps warnings and errors (with their exceptions) so a test can show why background code went another way.</summary>
public sealed class CollectingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) _entries.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}".TrimEnd());
    }
}
