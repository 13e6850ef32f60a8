using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.TaskMetadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoPR.LocalEcs.Hosting;

/// <summary>LocalEcs as a startable, stoppable server: the executable runs one, tests run several.</summary>
public sealed class LocalEcsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalEcsServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The AWS API endpoint, for --endpoint-url.</summary>
    public Uri Endpoint { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<LocalEcsServer> StartAsync(LocalEcsOptions options, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.WebHost.UseUrls($"http://{options.ApiAddress}:{options.Port}");
        builder.Services.AddLocalEcs(options);
        var app = builder.Build();
        var endpoint = app.Services.GetRequiredService<AwsJsonEndpoint>();
        app.MapPost("/", endpoint.HandleAsync);
        AdminEndpoints.Map(app);
        TaskMetadataEndpoints.Map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        app.Services.GetRequiredService<ApiEndpoint>().SetListening(uri);
        return new LocalEcsServer(app, uri);
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
