using AutoPR.Service.Database;

namespace AutoPR.Service.Tests.Support;

/// <summary>One in-process run of `migrate`: its exit code and its lines.</summary>
internal sealed record MigrateRun(int ExitCode, IReadOnlyList<string> Lines)
{
    public string Output => string.Join('\n', Lines);

    public string Last => Lines.Count > 0 ? Lines[^1] : "(no output)";

    public static async Task<MigrateRun> RunAsync(string? databaseUrl, params string[] args) =>
        await RunAsync(databaseUrl, MigrationSet.Service, args);

    public static async Task<MigrateRun> RunAsync(string? databaseUrl, MigrationSet migrations, params string[] args)
    {
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var exitCode = await MigrationCommand.RunAsync(
            args, name => name == DatabaseUrl.Variable ? databaseUrl : null, TextWriter.Synchronized(output), migrations, timeout.Token);
        return new MigrateRun(exitCode, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
