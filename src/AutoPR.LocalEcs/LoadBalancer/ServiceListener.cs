using System.Diagnostics;
using System.Net;
using AutoPR.LocalEcs.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace AutoPR.LocalEcs.LoadBalancer;

/// <summary>
/// One service's load-balancer listener (production or test): a Kestrel endpoint that picks each request's
/// target group by the route's weights, forwards it (YARP's forwarder) to a healthy target of that group and
/// records the ALB metrics of the answer under that group.
/// </summary>
public sealed class ServiceListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TargetGroups _groups;
    private readonly MetricRecorder _metrics;
    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _invoker;
    private readonly WeightedSplit _split = new();
    private volatile ListenerRoute _route;

    private ServiceListener(WebApplication app, string address, ListenerRoute route, TargetGroups groups, MetricRecorder metrics)
    {
        _app = app;
        Address = address;
        _route = route;
        _groups = groups;
        _metrics = metrics;
        _forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
            ActivityHeadersPropagator = null,
        });
    }

    public string Address { get; }

    public ListenerRoute Route
    {
        get => _route;
        set => _route = value;
    }

    public static async Task<ServiceListener> StartAsync(string address, ListenerRoute route, TargetGroups groups, MetricRecorder metrics, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddHttpForwarder();
        builder.WebHost.UseUrls($"http://{address}");
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        var app = builder.Build();
        var listener = new ServiceListener(app, address, route, groups, metrics);
        app.Run(listener.ForwardAsync);
        await app.StartAsync(cancellationToken);
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _invoker.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var targetGroup = _split.Choose(_route);
        var started = Stopwatch.GetTimestamp();
        var target = _groups.Acquire(targetGroup);
        if (target is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", context.RequestAborted);
            _metrics.Record(targetGroup, StatusCodes.Status503ServiceUnavailable, Stopwatch.GetElapsedTime(started), fromTarget: false);
            return;
        }

        ForwarderError error;
        try
        {
            error = await _forwarder.SendAsync(context, target.BaseUri.ToString(), _invoker, ForwarderRequestConfig.Empty, HttpTransformer.Default);
        }
        finally
        {
            target.Leave();
        }

        // The forwarder answers 502/504 itself when the target cannot be reached; ALB counts those as its own 5xx.
        _metrics.Record(targetGroup, context.Response.StatusCode, Stopwatch.GetElapsedTime(started), fromTarget: error == ForwarderError.None);
    }
}
