using Npgsql;

namespace AutoPR.Service.Database;

/// <summary>The pull_requests table: plain SQL through Npgsql, one statement per call.</summary>
internal sealed class PullRequestStore(ServiceDatabase database)
{
    private const string Columns = "id, repository, number, title, author, created_at";

    /// <exception cref="PostgresException">SqlState 23505 when this pull request is stored already.</exception>
    public async Task<PullRequest> AddAsync(NewPullRequest request, CancellationToken cancellationToken)
    {
        await using var command = database.Requests.CreateCommand(
            $"insert into pull_requests (repository, number, title, author) values (@repository, @number, @title, @author) returning {Columns}");
        command.Parameters.AddWithValue("repository", request.Repository!.Trim());
        command.Parameters.AddWithValue("number", request.Number!.Value);
        command.Parameters.AddWithValue("title", request.Title!.Trim());
        command.Parameters.AddWithValue("author", request.Author?.Trim() ?? string.Empty);
        return (await ReadAsync(command, cancellationToken)).Single();
    }

    public async Task<IReadOnlyList<PullRequest>> NewestAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = database.Requests.CreateCommand($"select {Columns} from pull_requests order by created_at desc, id desc limit @limit");
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<PullRequest?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = database.Requests.CreateCommand($"select {Columns} from pull_requests where id = @id");
        command.Parameters.AddWithValue("id", id);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    private static async Task<List<PullRequest>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<PullRequest>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PullRequest(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return rows;
    }
}
