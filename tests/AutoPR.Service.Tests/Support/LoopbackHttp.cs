namespace AutoPR.Service.Tests.Support;

internal static class LoopbackHttp
{
    /// <summary>A client for services on 127.0.0.0/8: no proxy from the environment, generous timeouts.</summary>
    public static HttpClient CreateClient() =>
        new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = TimeSpan.FromSeconds(90),
        };
}
