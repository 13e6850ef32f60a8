namespace AutoPR.Service.Database;

/// <summary>Whether the database lets this release serve: reachable, and migrated at least to its schema.</summary>
internal sealed record DatabaseVerdict(bool Ready, string? Reason)
{
    public static readonly DatabaseVerdict NotConfigured = new(true, null);
}

/// <summary>
/// The database part of /health/ready. The verdict is cached for <see cref="CacheFor"/> and computed by one
/// caller at a time, so a storm of probes (a load balancer, ECS, Verify) costs the database one query a second
/// or so. A database newer than this release is fine: migrations that break older releases are the operator's
/// to undo (see the README's expand/contract).
/// </summary>
internal sealed class DatabaseReadiness(ServiceDatabase database, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1.5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly long _needs = SchemaInfo.Service.Version;
    private (DatabaseVerdict Verdict, DateTimeOffset At)? _last;

    public async Task<DatabaseVerdict> CheckAsync(CancellationToken cancellationToken)
    {
        if (!database.IsConfigured)
        {
            return DatabaseVerdict.NotConfigured;
        }

        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } computedMeanwhile)
            {
                return computedMeanwhile;
            }

            var verdict = await ComputeAsync(cancellationToken);
            _last = (verdict, time.GetUtcNow());
            return verdict;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private DatabaseVerdict? Fresh() =>
        _last is { } last && time.GetUtcNow() - last.At < CacheFor ? last.Verdict : null;

    private async Task<DatabaseVerdict> ComputeAsync(CancellationToken cancellationToken)
    {
        long schema;
        try
        {
            await using var connection = await database.Checks.OpenConnectionAsync(cancellationToken);
            schema = AppliedMigrations.Current(await AppliedMigrations.ReadAsync(connection, cancellationToken));
        }
        catch (Exception ex) when (DatabaseErrors.IsConnectionFailure(ex) || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new DatabaseVerdict(false, $"cannot reach the database {database.Url!.Describe()}: {DatabaseErrors.Reason(ex, database.Url)}");
        }

        return schema < _needs
            ? new DatabaseVerdict(false, $"database schema {schema}, this release needs {_needs}: run `AutoPR.Service migrate`")
            : new DatabaseVerdict(true, null);
    }
}
