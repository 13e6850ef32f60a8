using Npgsql;

namespace AutoPR.EndToEnd.Tests.Support;

/// <summary>Reads the stack's own database directly: what migrations left there, seen from outside the service.</summary>
public sealed class StackDatabase(string url)
{
    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(url));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(url));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The schema version FluentMigrator recorded.</summary>
    public Task<long> VersionAsync() => ScalarAsync<long>("SELECT COALESCE(MAX(\"Version\"), 0) FROM \"VersionInfo\"");

    public async Task<bool> ColumnExistsAsync(string table, string column) =>
        await ScalarAsync<long>($"SELECT COUNT(*) FROM information_schema.columns WHERE table_name = '{table}' AND column_name = '{column}'") > 0;

    public async Task<bool> TableExistsAsync(string table) =>
        await ScalarAsync<long>($"SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '{table}'") > 0;

    private static string ConnectionString(string url)
    {
        var uri = new Uri(url);
        var user = uri.UserInfo.Split(':', 2);
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port,
            Database = uri.AbsolutePath.Trim('/'),
            Username = Uri.UnescapeDataString(user[0]),
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
            GssEncryptionMode = GssEncryptionMode.Disable,
        }.ConnectionString;
    }
}
