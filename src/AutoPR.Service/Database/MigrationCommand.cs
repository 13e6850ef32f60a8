using System.Diagnostics;
using System.Globalization;
using AutoPR.Service.Configuration;
using AutoPR.Service.Hosting;
using Npgsql;

namespace AutoPR.Service.Database;

/// <summary>
/// `AutoPR.Service migrate [--to N] [--confirm-data-loss] [--plan]`: brings the database named by DATABASE_URL to
/// this release's schema (or to N, up or down), one transaction per step, under an advisory lock. Plain lines on
/// stdout, the last one `schema version N`; the exit code says what happened (<see cref="ExitCodes"/>).
/// The service never migrates at startup: this runs as a one-off task before the release rolls out.
/// </summary>
internal static class MigrationCommand
{
    public const string Name = "migrate";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public static Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> environment, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(args, environment, output, MigrationSet.Service, cancellationToken);

    /// <summary>Tests pass their own <paramref name="migrations"/> (one that fails halfway, one that is slow).</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, Func<string, string?> environment, TextWriter output, MigrationSet migrations, CancellationToken cancellationToken)
    {
        if (MigrateArguments.Parse(args, out var argumentError) is not { } arguments)
        {
            await output.WriteLineAsync(argumentError);
            return ExitCodes.InvalidConfiguration;
        }

        var target = arguments.To ?? SchemaInfo.For(migrations).Version;
        if (target != 0 && migrations.Steps.All(step => step.Version != target))
        {
            await output.WriteLineAsync($"there is no schema version {target} in this release: it knows {KnownVersions(migrations)}");
            return ExitCodes.InvalidConfiguration;
        }

        DatabaseUrl? url;
        try
        {
            url = DatabaseUrl.Read(new SettingReader(environment));
        }
        catch (InvalidSettingException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return ExitCodes.InvalidConfiguration;
        }

        if (url is null)
        {
            await output.WriteLineAsync($"{DatabaseUrl.Variable} is not set: migrate needs postgres://user:password@host:port/database");
            return ExitCodes.InvalidConfiguration;
        }

        // The lock's own connection: it also proves the database answers before anything else happens.
        await using var connection = new NpgsqlConnection(url.ConnectionStringWithTimeout(ConnectTimeout));
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (DatabaseErrors.IsConnectionFailure(ex))
        {
            await output.WriteLineAsync($"cannot reach the database {url.Describe()}: {DatabaseErrors.Reason(ex, url)}");
            return ExitCodes.DatabaseUnreachable;
        }

        if (arguments.PlanOnly)
        {
            return await PrintPlanAsync(connection, migrations, target, arguments, output, cancellationToken);
        }

        await using var migrationLock = await MigrationLock.AcquireAsync(
            connection, arguments.LockTimeout, () => output.WriteLine("waiting for another migration runner..."), cancellationToken);
        if (migrationLock is null)
        {
            await output.WriteLineAsync(
                $"gave up after {arguments.LockTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s waiting for another migration runner on {url.Describe()} (advisory lock {MigrationLock.Key}); nothing changed");
            return ExitCodes.MigrationLockTimeout;
        }

        // Read under the lock: a runner we waited for may have done the work already.
        if (await CreatePlanAsync(connection, migrations, target, arguments.To is null, output, cancellationToken) is not { } plan)
        {
            return ExitCodes.Failure;
        }

        if (plan.Steps.Count == 0)
        {
            await output.WriteLineAsync($"schema version {plan.From}: nothing to do");
            return ExitCodes.Success;
        }

        if (await RefuseDataLossAsync(plan, arguments, output))
        {
            return ExitCodes.DataLossNotConfirmed;
        }

        return await ExecuteAsync(plan, migrations, url, output);
    }

    /// <summary>Says so and answers true when the plan goes down through a destructive step without --confirm-data-loss.</summary>
    private static async Task<bool> RefuseDataLossAsync(MigrationPlan plan, MigrateArguments arguments, TextWriter output)
    {
        if (arguments.ConfirmDataLoss || plan.Steps.FirstOrDefault(step => step.LosesData) is not { } destructive)
        {
            return false;
        }

        await output.WriteLineAsync(
            $"refusing to go down through migration {destructive.Migration.Version} ({destructive.Migration.Description}): it loses {destructive.Migration.Loses}; nothing changed; run again with --confirm-data-loss to accept that");
        return true;
    }

    private static async Task<int> ExecuteAsync(MigrationPlan plan, MigrationSet migrations, DatabaseUrl url, TextWriter output)
    {
        var version = plan.From;
        using var executor = new MigrationExecutor(migrations, url.ConnectionString);
        foreach (var step in plan.Steps)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                // FluentMigrator is synchronous; one step at a time, each in its own transaction.
                executor.Run(step);
            }
            catch (Exception ex)
            {
                await output.WriteLineAsync(
                    $"migration {step.Migration.Version} ({step.Migration.Description}) failed going {step.Direction} and was rolled back: {DatabaseErrors.Reason(ex, url)}");
                await output.WriteLineAsync($"schema version {version}");
                return ExitCodes.Failure;
            }

            await output.WriteLineAsync(
                $"{step.Direction} {step.Migration.Version} {step.Migration.Description} ({watch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture)} ms)");
            version = step.Up ? step.Migration.Version : migrations.Steps.LastOrDefault(other => other.Version < step.Migration.Version)?.Version ?? 0;
        }

        await output.WriteLineAsync($"schema version {version}");
        return ExitCodes.Success;
    }

    /// <summary>The steps a run would take; it answers the exit code the run would refuse with (data loss not confirmed), else 0.</summary>
    private static async Task<int> PrintPlanAsync(
        NpgsqlConnection connection, MigrationSet migrations, long target, MigrateArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (await CreatePlanAsync(connection, migrations, target, arguments.To is null, output, cancellationToken) is not { } plan)
        {
            return ExitCodes.Failure;
        }

        foreach (var step in plan.Steps)
        {
            var loses = step.LosesData ? $" (destructive: loses {step.Migration.Loses})" : string.Empty;
            await output.WriteLineAsync($"would run {step.Direction} {step.Migration.Version} {step.Migration.Description}{loses}");
        }

        await output.WriteLineAsync(plan.Steps.Count == 0
            ? $"schema version {plan.From}: nothing to do"
            : $"schema version {plan.From}: {plan.Steps.Count} step(s) to {plan.To}, nothing changed (--plan)");
        return await RefuseDataLossAsync(plan, arguments, output) ? ExitCodes.DataLossNotConfirmed : ExitCodes.Success;
    }

    private static async Task<MigrationPlan?> CreatePlanAsync(
        NpgsqlConnection connection, MigrationSet migrations, long target, bool upOnly, TextWriter output, CancellationToken cancellationToken)
    {
        var applied = await AppliedMigrations.ReadAsync(connection, cancellationToken);
        try
        {
            return MigrationPlan.Create(migrations, applied, target, upOnly);
        }
        catch (InvalidOperationException ex)
        {
            await output.WriteLineAsync(ex.Message);
            await output.WriteLineAsync($"schema version {AppliedMigrations.Current(applied)}");
            return null;
        }
    }

    private static string KnownVersions(MigrationSet migrations) =>
        string.Join(", ", new[] { "0 (empty)" }.Concat(migrations.Steps.Select(step => $"{step.Version} ({step.Description})")));
}
