using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Images.Host;

/// <summary>What <see cref="PostgresServer.EnsureRunningAsync"/> found or did.</summary>
public enum PostgresServerOutcome
{
    /// <summary>The cluster was running and answering already.</summary>
    FoundRunning,

    /// <summary>The cluster existed and was started.</summary>
    Started,

    /// <summary>There was no cluster: it was created (initdb) and started.</summary>
    Initialized,
}

/// <summary>
/// A private PostgreSQL cluster for tests and the local stack, in one folder: data/ (the cluster),
/// superuser.password (0600, generated once), sockets/ (its unix sockets, not /var/run/postgresql) and
/// postgres.log. It listens on 127.0.0.1 only, on the port given, and asks scram-sha-256 passwords of
/// everyone, local sockets included. PostgreSQL refuses to run as root, so as root the programs run as
/// the postgres system user (runuser) and the folder belongs to it.
/// </summary>
public sealed partial class PostgresServer
{
    /// <summary>The cluster's superuser; the service and the tests connect as it.</summary>
    public const string SuperUser = "autopr";

    private const string SystemUser = "postgres";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly ILogger _logger;
    private readonly bool _allowInstall;
    private string? _binaries;

    /// <param name="directory">The cluster's folder; created when missing.</param>
    /// <param name="port">Its TCP port on 127.0.0.1.</param>
    /// <param name="allowInstall">Install Debian's postgresql with apt-get when it is missing (as root).</param>
    public PostgresServer(string directory, int port, ILogger? logger = null, bool allowInstall = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65_535);
        Directory = Path.GetFullPath(directory);
        Port = port;
        _logger = logger ?? NullLogger.Instance;
        _allowInstall = allowInstall;
    }

    public string Directory { get; }

    public int Port { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    public string PasswordFile => Path.Combine(Directory, "superuser.password");

    public string SocketDirectory => Path.Combine(Directory, "sockets");

    public string LogFile => Path.Combine(Directory, "postgres.log");

    /// <summary>Finds the cluster running, starts it, or creates and starts it; installs PostgreSQL first when needed.</summary>
    /// <exception cref="PostgresUnavailableException">PostgreSQL is missing and cannot be installed, or would not initialize or start.</exception>
    public async Task<PostgresServerOutcome> EnsureRunningAsync(CancellationToken cancellationToken = default)
    {
        _binaries = await PostgresBinaries.EnsureAsync(_allowInstall, _logger, cancellationToken);
        System.IO.Directory.CreateDirectory(Directory);
        // Two processes (test runs, a build) must not initialize or start the same cluster at once.
        using var guard = await FileLock.AcquireAsync(Directory + ".lock", LockTimeout, _logger, cancellationToken);

        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")) && await AnswersAsync(cancellationToken))
        {
            _logger.LogInformation("PostgreSQL at {Directory} runs on 127.0.0.1:{Port}", Directory, Port);
            return PostgresServerOutcome.FoundRunning;
        }

        var initialized = false;
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await InitializeAsync(cancellationToken);
            initialized = true;
        }

        await StartAsync(cancellationToken);
        return initialized ? PostgresServerOutcome.Initialized : PostgresServerOutcome.Started;
    }

    /// <summary>Creates the database when it does not exist (owned by <see cref="SuperUser"/>).</summary>
    public async Task EnsureDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a database name this class creates: lower-case letters, digits and _, starting with a letter or _.", nameof(name));
        }

        var exists = await ClientAsync("psql", ["-d", "postgres", "-tAc", $"select 1 from pg_database where datname = '{name}'"], cancellationToken);
        if (exists.Trim() != "1")
        {
            await ClientAsync("createdb", [name], cancellationToken);
            _logger.LogInformation("Created database {Database} on 127.0.0.1:{Port}", name, Port);
        }
    }

    /// <summary>postgres://autopr:&lt;password&gt;@127.0.0.1:&lt;port&gt;/&lt;database&gt;, the form DATABASE_URL takes.</summary>
    public string ConnectionUrl(string database) =>
        $"postgres://{SuperUser}:{Uri.EscapeDataString(ReadPassword())}@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{Uri.EscapeDataString(database)}";

    /// <summary>Stops the cluster (fast shutdown: sessions are ended, data is kept). Nothing to do when it is not running.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            return;
        }

        _binaries ??= PostgresBinaries.Find() ?? throw new PostgresUnavailableException("pg_ctl is missing: cannot stop the cluster at " + DataDirectory);
        await ServerProgramAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], cancellationToken);
        _logger.LogInformation("Stopped PostgreSQL at {Directory}", Directory);
    }

    /// <summary>Stops the cluster and deletes its folder: data, password, sockets and log.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken);
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        File.Delete(Directory + ".lock");
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        _logger.LogInformation("Creating a PostgreSQL cluster at {Directory} for 127.0.0.1:{Port}", Directory, Port);
        System.IO.Directory.CreateDirectory(SocketDirectory);
        if (!File.Exists(PasswordFile))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // Created 0600, never readable by others even for a moment.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using var file = new FileStream(PasswordFile, options);
            await file.WriteAsync(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))), cancellationToken);
        }

        await GiveToSystemUserAsync(cancellationToken);
        await ServerProgramAsync(
            "initdb",
            ["-D", DataDirectory, "-U", SuperUser, "--pwfile", PasswordFile, "--auth", "scram-sha-256", "--encoding", "UTF8", "--locale", "C", "--no-instructions"],
            cancellationToken);

        // The same settings are passed when starting; here too, so that a pg_ctl started by hand binds the same way.
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), $"""

            # AutoPR PostgresServer: loopback only, private sockets.
            listen_addresses = '127.0.0.1'
            port = {Port.ToString(CultureInfo.InvariantCulture)}
            unix_socket_directories = '{SocketDirectory}'

            """, cancellationToken);
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await GiveToSystemUserAsync(cancellationToken);
        var settings = $"-c listen_addresses=127.0.0.1 -p {Port.ToString(CultureInfo.InvariantCulture)} -c unix_socket_directories={SocketDirectory}";
        try
        {
            await ServerProgramAsync(
                "pg_ctl",
                ["-D", DataDirectory, "-l", LogFile, "-o", settings, "-w", "-t", ((int)StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "start"],
                cancellationToken);
        }
        catch (PostgresUnavailableException ex)
        {
            throw new PostgresUnavailableException($"PostgreSQL at {Directory} did not start on 127.0.0.1:{Port}: {ex.Message}{Environment.NewLine}{DetachedProcess.Tail(LogFile)}", ex);
        }

        _logger.LogInformation("Started PostgreSQL at {Directory} on 127.0.0.1:{Port}", Directory, Port);
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        var result = await Cli.Wrap(Path.Combine(_binaries!, "pg_isready"))
            .WithArguments(["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-t", "3"])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        return result.ExitCode == 0;
    }

    /// <summary>initdb and pg_ctl: as the postgres system user when this process is root.</summary>
    private async Task ServerProgramAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_binaries!, program);
        var (command, commandArguments) = Executables.IsRoot
            ? (Executables.Find("runuser") ?? throw new PostgresUnavailableException("runuser is missing (Debian's util-linux): as root, PostgreSQL must run as the postgres user"),
                new[] { "-u", SystemUser, "--", path }.Concat(arguments))
            : (path, arguments);
        try
        {
            await CommandRunner.RunAsync(command, commandArguments, _logger, workingDirectory: Directory, cancellationToken: cancellationToken);
        }
        catch (CommandFailedException ex)
        {
            throw new PostgresUnavailableException($"{program} failed: {ex.Message}", ex);
        }
    }

    /// <summary>psql and createdb, over TCP to 127.0.0.1 with the superuser's password.</summary>
    private async Task<string> ClientAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await Cli.Wrap(Path.Combine(_binaries ?? PostgresBinaries.Find() ?? throw new PostgresUnavailableException($"{program} is missing"), program))
            .WithArguments(new[] { "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", SuperUser }.Concat(arguments))
            .WithEnvironmentVariables(new Dictionary<string, string?> { ["PGPASSWORD"] = ReadPassword(), ["PGCONNECT_TIMEOUT"] = "10" })
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new PostgresUnavailableException($"{program} against 127.0.0.1:{Port} failed with exit code {result.ExitCode}: {result.StandardError.Trim()}");
        }

        return result.StandardOutput;
    }

    private string ReadPassword() => File.Exists(PasswordFile)
        ? File.ReadAllText(PasswordFile).Trim()
        : throw new PostgresUnavailableException($"{PasswordFile} is missing: run EnsureRunningAsync first (or delete {Directory} to start over).");

    private async Task GiveToSystemUserAsync(CancellationToken cancellationToken)
    {
        if (!Executables.IsRoot)
        {
            return;
        }

        if (!File.ReadLines("/etc/passwd").Any(line => line.StartsWith(SystemUser + ":", StringComparison.Ordinal)))
        {
            throw new PostgresUnavailableException($"there is no {SystemUser} system user to run PostgreSQL as (root may not): install Debian's postgresql, which creates it.");
        }

        await CommandRunner.RunAsync("chown", ["-R", $"{SystemUser}:{SystemUser}", Directory], _logger, cancellationToken: cancellationToken);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
