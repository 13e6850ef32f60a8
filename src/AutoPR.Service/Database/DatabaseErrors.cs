using System.Net.Sockets;
using Npgsql;

namespace AutoPR.Service.Database;

/// <summary>Turns a failure to talk to PostgreSQL into a short reason for one line, without the password.</summary>
internal static class DatabaseErrors
{
    public static bool IsConnectionFailure(Exception exception) =>
        exception is NpgsqlException or SocketException or TimeoutException or IOException;

    /// <summary>The most telling message: the server's own error, else the innermost cause (e.g. "Connection refused").</summary>
    public static string Reason(Exception exception, DatabaseUrl url)
    {
        var reason = exception switch
        {
            PostgresException postgres => $"{postgres.SqlState}: {postgres.MessageText}",
            _ when exception.GetBaseException() is var inner && inner != exception => inner.Message,
            _ => exception.Message,
        };
        return url.Redact(reason.ReplaceLineEndings(" "));
    }
}
