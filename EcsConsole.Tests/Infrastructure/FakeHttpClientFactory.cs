namespace EcsConsole.Tests.Infrastructure;

/// <summary>An <see cref="IHttpClientFactory"/> whose clients all send through one handler (usually a <see cref="RecordingHttpHandler"/>).</summary>
public sealed class FakeHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public List<string> Names { get; } = [];

    public HttpClient CreateClient(string name)
    {
        lock (Names) Names.Add(name);
        return new HttpClient(handler, disposeHandler: false);
    }
}
