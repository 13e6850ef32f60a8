using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AutoPR.Images.Host;

namespace AutoPR.Service.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster (PostgresServer) in a temp folder on a free loopback port, shared by the
/// database tests; each test takes a database of its own. When PostgreSQL cannot run, every test using it
/// fails with what is missing: never a silent skip.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private int _databases;

    public PostgresServer Server { get; } = CreateServer();

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await Server.EnsureRunningAsync(timeout.Token);
    }

    public async Task DisposeAsync() => await Server.DeleteAsync();

    /// <summary>A new empty database; its DATABASE_URL.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture)}";
        await Server.EnsureDatabaseAsync(name);
        return Server.ConnectionUrl(name);
    }

    /// <summary>A throwaway cluster of its own, for tests that stop and start it.</summary>
    public static PostgresServer CreateServer() =>
        new(Path.Combine(Path.GetTempPath(), $"autopr-pg-{Guid.NewGuid():N}"), FreePort());

    /// <summary>A port free on 127.0.0.1 a moment ago, never PostgreSQL's default 5432 (a real cluster may own it).</summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (port != 5432)
            {
                return port;
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
