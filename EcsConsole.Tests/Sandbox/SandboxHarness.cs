using EcsConsole.Core.Aws;
using EcsConsole.Core.Aws.Ecs.Model;
using EcsConsole.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EcsConsole.Tests.Sandbox;

/// <summary>
/// A sandbox on a free loopback port with a fake clock and its own data folder, plus the Core
/// clients pointed at it. The clients sign with the real clock, so retries back off for real.
/// </summary>
internal sealed class SandboxHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly Action<SandboxOptions>? _configure;
    private readonly bool _ownsFolder;
    private ServiceProvider? _services;

    private SandboxHarness(FakeTimeProvider clock, string folder, bool ownsFolder, Action<SandboxOptions>? configure)
    {
        Clock = clock;
        Folder = folder;
        _ownsFolder = ownsFolder;
        _configure = configure;
    }

    public FakeTimeProvider Clock { get; }

    public string Folder { get; }

    public SandboxServer Server { get; private set; } = null!;

    public AwsClients Clients { get; private set; } = null!;

    public AwsCallMetrics Metrics => _services!.GetRequiredService<AwsCallMetrics>();

    public EcsConsole.Core.Aws.Ecs.EcsClient Ecs => Clients.Ecs;

    public static async Task<SandboxHarness> StartAsync(Action<SandboxOptions>? configure = null, int maxAttempts = 1)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ecsconsole-sandbox-tests", Guid.NewGuid().ToString("N"));
        var harness = new SandboxHarness(new FakeTimeProvider(Start), folder, ownsFolder: true, configure);
        await harness.StartServerAsync(maxAttempts);
        return harness;
    }

    public static SandboxOptions Options(Action<SandboxOptions>? configure)
    {
        var options = new SandboxOptions { Port = 0, ServeApps = false };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Stops the sandbox (it saves its state) and starts a new one on the same data folder.</summary>
    public async Task RestartAsync()
    {
        await StopServerAsync();
        await StartServerAsync(1);
    }

    /// <summary>An operation the Core clients do not wrap (yet), sent through the same transport.</summary>
    public Task<TResponse> CallAsync<TRequest, TResponse>(AwsService service, string operation, TRequest request) where TResponse : new()
        => _services!.GetRequiredService<AwsJsonTransport>().InvokeAsync<TRequest, TResponse>(Clients.Logs.Context, service, operation, request, CancellationToken.None);

    public AwsClients ClientsFor(string region) => _services!.GetRequiredService<AwsClientFactory>().For("sandbox", region);

    public void Advance(TimeSpan by) => Clock.Advance(by);

    public void Advance(double seconds) => Clock.Advance(TimeSpan.FromSeconds(seconds));

    public NetworkConfiguration PublicNetwork(bool assignPublicIp = true) => new()
    {
        AwsvpcConfiguration = new AwsVpcConfiguration
        {
            Subnets = [.. DefaultSubnets],
            AssignPublicIp = assignPublicIp ? "ENABLED" : "DISABLED",
        },
    };

    public IReadOnlyList<string> DefaultSubnets { get; private set; } = [];

    public async Task<EcsTask> RunDemoTaskAsync(bool assignPublicIp = true, string family = "fastapi-demo")
    {
        var response = await Ecs.RunTaskAsync(new RunTaskRequest
        {
            Cluster = "demo",
            TaskDefinition = family,
            LaunchType = "FARGATE",
            NetworkConfiguration = PublicNetwork(assignPublicIp),
        }, CancellationToken.None);
        return Assert.Single(response.Tasks!);
    }

    public async Task<EcsTask> DescribeTaskAsync(string arn)
    {
        var response = await Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "demo", Tasks = [arn] }, CancellationToken.None);
        return Assert.Single(response.Tasks!);
    }

    private async Task StartServerAsync(int maxAttempts)
    {
        Server = await SandboxServer.StartAsync(Options(_configure), Clock, Folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aws:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Aws:Connections:0:Name"] = "sandbox",
            ["Aws:Connections:0:IsSandbox"] = "true",
            ["Aws:Connections:0:Region"] = Server.Options.Region,
            ["Aws:Connections:0:EndpointUrl"] = Server.BaseUrl.ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddAwsAccess();
        _services = services.BuildServiceProvider();
        Clients = _services.GetRequiredService<AwsClientFactory>().For("sandbox");
        var subnets = await Clients.Ec2.DescribeSubnetsAsync(null, CancellationToken.None);
        DefaultSubnets = [.. subnets.Select(s => s.SubnetId)];
    }

    private async Task StopServerAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        _services = null;
        await Server.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        if (_ownsFolder && Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
