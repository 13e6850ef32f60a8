namespace AutoPR.Service.Database;

/// <summary>A pull request AutoPR has processed, as stored and as served.</summary>
internal sealed record PullRequest(long Id, string Repository, int Number, string Title, string Author, DateTimeOffset CreatedAt);

/// <summary>The body of POST /api/pull-requests.</summary>
internal sealed record NewPullRequest(string? Repository, int? Number, string? Title, string? Author)
{
    private const int MaxTitle = 500;
    private const int MaxName = 200;

    /// <summary>Null when the request is usable, else the reason for the 400.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Repository) || Repository.Length > MaxName
            || Repository.Split('/') is not [{ Length: > 0 } owner, { Length: > 0 } name] || owner.Any(char.IsWhiteSpace) || name.Any(char.IsWhiteSpace))
        {
            return "repository is required, as owner/name";
        }

        if (Number is not > 0)
        {
            return "number is required, a whole number from 1";
        }

        if (string.IsNullOrWhiteSpace(Title) || Title.Length > MaxTitle)
        {
            return $"title is required, at most {MaxTitle} characters";
        }

        return Author is { Length: > MaxName } ? $"author is at most {MaxName} characters" : null;
    }
}
