using Npgsql;

namespace AutoPR.Service.Database;

/// <summary>
/// A PostgreSQL session advisory lock held on its own connection for the whole run, so two migration
/// runners (two deploys, a retried task) never migrate at once. Closing the connection releases it even
/// when the process dies.
/// </summary>
internal sealed class MigrationLock : IAsyncDisposable
{
    /// <summary>Any fixed 64-bit number shared by every release: "AutoPR" in ASCII.</summary>
    public const long Key = 0x4175746F5052;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);
    private readonly NpgsqlConnection _connection;

    private MigrationLock(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Takes the lock, calling <paramref name="waiting"/> once if another runner holds it; null after <paramref name="timeout"/>.</summary>
    public static async Task<MigrationLock?> AcquireAsync(
        NpgsqlConnection connection, TimeSpan timeout, Action waiting, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var told = false;
        while (true)
        {
            await using (var attempt = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection))
            {
                attempt.Parameters.AddWithValue("key", Key);
                if (await attempt.ExecuteScalarAsync(cancellationToken) is true)
                {
                    return new MigrationLock(connection);
                }
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                return null;
            }

            if (!told)
            {
                waiting();
                told = true;
            }

            await Task.Delay(RetryDelay, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var release = new NpgsqlCommand("select pg_advisory_unlock(@key)", _connection);
            release.Parameters.AddWithValue("key", Key);
            await release.ExecuteScalarAsync();
        }
        catch (NpgsqlException)
        {
            // The connection is gone, and the lock with it.
        }
    }
}
