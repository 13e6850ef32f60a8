using System.Globalization;
using System.Text.Json;
using AutoPR.Service.Database;
using Npgsql;

namespace AutoPR.Service.Endpoints;

/// <summary>
/// POST /api/pull-requests, GET /api/pull-requests?limit=N (newest first), GET /api/pull-requests/{id}.
/// Not fault-exempt: injected latency and errors act on them like on any work endpoint. Without a database,
/// or with one that fails, they answer 503 with the reason (never the password).
/// </summary>
internal static class PullRequestEndpoints
{
    public const string Path = "/api/pull-requests";
    private const int DefaultLimit = 20;
    private const int MaxLimit = 100;
    private const string UniqueViolation = "23505";

    public static void MapPullRequestEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, AddAsync);
        endpoints.MapGet(Path, ListAsync);
        endpoints.MapGet(Path + "/{id}", FindAsync);
    }

    private static async Task<IResult> AddAsync(HttpRequest request, ServiceDatabase database, PullRequestStore store, CancellationToken cancellationToken)
    {
        NewPullRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<NewPullRequest>(cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: not application/json.
            return Problem(StatusCodes.Status400BadRequest, "the body must be JSON like {\"repository\": \"owner/name\", \"number\": 42, \"title\": \"...\"}");
        }

        if (body is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "the body must be a JSON object");
        }

        if (body.Problem() is { } problem)
        {
            return Problem(StatusCodes.Status400BadRequest, problem);
        }

        return await WithDatabaseAsync(database, async () =>
        {
            try
            {
                var stored = await store.AddAsync(body, cancellationToken);
                return Results.Json(stored, statusCode: StatusCodes.Status201Created);
            }
            catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
            {
                return Problem(StatusCodes.Status409Conflict, $"{body.Repository}#{body.Number} is stored already");
            }
        });
    }

    private static async Task<IResult> ListAsync(string? limit, ServiceDatabase database, PullRequestStore store, CancellationToken cancellationToken)
    {
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            return Problem(StatusCodes.Status400BadRequest, $"limit must be a whole number from 1 to {MaxLimit}");
        }

        return await WithDatabaseAsync(database, async () => Results.Json(await store.NewestAsync(count, cancellationToken)));
    }

    private static async Task<IResult> FindAsync(string id, ServiceDatabase database, PullRequestStore store, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) || key < 1)
        {
            return Problem(StatusCodes.Status400BadRequest, "id must be a whole number from 1");
        }

        return await WithDatabaseAsync(database, async () => await store.FindAsync(key, cancellationToken) is { } found
            ? Results.Json(found)
            : Problem(StatusCodes.Status404NotFound, $"no pull request {key}"));
    }

    private static async Task<IResult> WithDatabaseAsync(ServiceDatabase database, Func<Task<IResult>> action)
    {
        if (!database.IsConfigured)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, ServiceDatabase.NotConfiguredReason);
        }

        try
        {
            return await action();
        }
        catch (Exception ex) when (DatabaseErrors.IsConnectionFailure(ex))
        {
            // Unreachable, or a schema this release cannot use (a column missing): the readiness check says which.
            return Problem(StatusCodes.Status503ServiceUnavailable, $"the database {database.Url!.Describe()} failed: {DatabaseErrors.Reason(ex, database.Url)}");
        }
    }

    private static IResult Problem(int status, string reason) => Results.Json(new ErrorDocument(reason), statusCode: status);

    private sealed record ErrorDocument(string Error);
}
