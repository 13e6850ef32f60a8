using Npgsql;

namespace AutoPR.Service.Database;

/// <summary>
/// The service's database, or its absence: without DATABASE_URL the service runs as before, and whatever
/// needs the database answers 503 saying so. One pooled data source for requests, one with a short timeout
/// for the readiness check, so a probe never waits the 15 s Npgsql would.
/// </summary>
internal sealed class ServiceDatabase : IAsyncDisposable
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    private readonly NpgsqlDataSource? _requests;
    private readonly NpgsqlDataSource? _checks;

    public ServiceDatabase(DatabaseUrl? url)
    {
        Url = url;
        if (url is not null)
        {
            _requests = NpgsqlDataSource.Create(url.ConnectionStringWithTimeout(RequestTimeout));
            _checks = NpgsqlDataSource.Create(url.ConnectionStringWithTimeout(CheckTimeout));
        }
    }

    public DatabaseUrl? Url { get; }

    public bool IsConfigured => Url is not null;

    public static string NotConfiguredReason => $"no database configured: set {DatabaseUrl.Variable}";

    /// <exception cref="InvalidOperationException">No database is configured; check <see cref="IsConfigured"/> first.</exception>
    public NpgsqlDataSource Requests => _requests ?? throw new InvalidOperationException(NotConfiguredReason);

    /// <exception cref="InvalidOperationException">No database is configured; check <see cref="IsConfigured"/> first.</exception>
    public NpgsqlDataSource Checks => _checks ?? throw new InvalidOperationException(NotConfiguredReason);

    public async ValueTask DisposeAsync()
    {
        if (_requests is not null)
        {
            await _requests.DisposeAsync();
        }

        if (_checks is not null)
        {
            await _checks.DisposeAsync();
        }
    }
}
