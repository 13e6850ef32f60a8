using System.Globalization;
using AutoPR.Service.Configuration;
using Npgsql;

namespace AutoPR.Service.Database;

/// <summary>
/// DATABASE_URL (postgres://user:password@host:port/database?sslmode=...) as an Npgsql connection string.
/// The password lives only in <see cref="ConnectionString"/>: everything meant for people (Describe,
/// ToString, error messages) names host, port and database, never it.
/// </summary>
internal sealed class DatabaseUrl
{
    public const string Variable = "DATABASE_URL";
    private const string Example = "postgres://user:password@127.0.0.1:5432/autopr";
    private const int DefaultPort = 5432;

    private readonly string? _password;

    private DatabaseUrl(NpgsqlConnectionStringBuilder builder, string? password)
    {
        Host = builder.Host!;
        Port = builder.Port;
        Database = builder.Database!;
        ConnectionString = builder.ConnectionString;
        _password = password;
    }

    public string Host { get; }

    public int Port { get; }

    public string Database { get; }

    /// <summary>Holds the password: hand it to Npgsql only.</summary>
    public string ConnectionString { get; }

    /// <summary>host:port/database, for messages.</summary>
    public string Describe() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/{Database}";

    public override string ToString() => Describe();

    /// <summary>A connection string for quick checks: fails within <paramref name="timeout"/> instead of Npgsql's 15 s.</summary>
    public string ConnectionStringWithTimeout(TimeSpan timeout) => new NpgsqlConnectionStringBuilder(ConnectionString)
    {
        Timeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
        CommandTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
    }.ConnectionString;

    /// <summary>Removes the password from a message a driver or server produced, should one ever echo it.</summary>
    public string Redact(string message) =>
        string.IsNullOrEmpty(_password) ? message : message.Replace(_password, "***", StringComparison.Ordinal);

    /// <summary>Null when DATABASE_URL is unset or blank: the service then runs without a database.</summary>
    /// <exception cref="InvalidSettingException">The URL is malformed; the message shows it without its password.</exception>
    public static DatabaseUrl? Read(SettingReader settings) =>
        settings.GetString(Variable) is { } raw ? Parse(raw) : null;

    /// <exception cref="InvalidSettingException">The URL is malformed; the message shows it without its password.</exception>
    public static DatabaseUrl Parse(string raw)
    {
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw Invalid(raw, "a postgres:// URL");
        }

        var (user, password) = SplitUserInfo(uri.UserInfo);
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (string.IsNullOrEmpty(uri.Host) || string.IsNullOrEmpty(user) || string.IsNullOrEmpty(database) || database.Contains('/', StringComparison.Ordinal))
        {
            throw Invalid(raw, "user, host and database all present");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port,
            Database = database,
            Username = user,
            Password = password,
            // The service names itself in pg_stat_activity, so an operator can tell its connections apart.
            ApplicationName = "autopr-service",
            // The image carries no Kerberos library: without this Npgsql tries to load it and prints an error first.
            GssEncryptionMode = GssEncryptionMode.Disable,
        };
        ApplyQuery(builder, uri.Query, raw);
        return new DatabaseUrl(builder, password);
    }

    private static (string User, string? Password) SplitUserInfo(string userInfo)
    {
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? (Uri.UnescapeDataString(userInfo), null)
            : (Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]));
    }

    private static void ApplyQuery(NpgsqlConnectionStringBuilder builder, string query, string raw)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var value = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
            if (!parts[0].Equals("sslmode", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid(raw, "no query parameter other than sslmode");
            }

            builder.SslMode = value.ToUpperInvariant() switch
            {
                "DISABLE" => SslMode.Disable,
                "ALLOW" => SslMode.Allow,
                "PREFER" => SslMode.Prefer,
                "REQUIRE" => SslMode.Require,
                "VERIFY-CA" => SslMode.VerifyCA,
                "VERIFY-FULL" => SslMode.VerifyFull,
                _ => throw Invalid(raw, "sslmode one of disable, allow, prefer, require, verify-ca, verify-full"),
            };
        }
    }

    private static InvalidSettingException Invalid(string raw, string expected) =>
        SettingReader.Invalid(Variable, WithoutPassword(raw), $"{expected} like {Example}");

    /// <summary>The URL as typed, its password replaced, for the error message about it.</summary>
    private static string WithoutPassword(string raw)
    {
        var scheme = raw.IndexOf("://", StringComparison.Ordinal);
        var at = raw.LastIndexOf('@');
        if (scheme < 0 || at < scheme)
        {
            // Not URL-shaped: the whole value could be a secret, so show none of it.
            return "(value hidden)";
        }

        var colon = raw.IndexOf(':', scheme + 3);
        return colon > 0 && colon < at ? string.Concat(raw.AsSpan(0, colon + 1), "***", raw.AsSpan(at)) : raw;
    }
}
