using Npgsql;

namespace AutoPR.Service.Tests.Support;

/// <summary>Direct SQL against a test database, to look behind the service's back.</summary>
internal static class Sql
{
    public static async Task<object?> ScalarAsync(string databaseUrl, string sql)
    {
        // No pooling: a test that restarts the server must not get a pooled connection it killed.
        var connectionString = new NpgsqlConnectionStringBuilder(AutoPR.Service.Database.DatabaseUrl.Parse(databaseUrl).ConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public static async Task ExecuteAsync(string databaseUrl, string sql) => await ScalarAsync(databaseUrl, sql);

    public static async Task<bool> TableExistsAsync(string databaseUrl, string table) =>
        await ScalarAsync(databaseUrl, $"select to_regclass('public.{table}') is not null") is true;

    public static async Task<bool> ColumnExistsAsync(string databaseUrl, string table, string column) =>
        await ScalarAsync(databaseUrl, $"select count(*) from information_schema.columns where table_name = '{table}' and column_name = '{column}'") is 1L;
}
