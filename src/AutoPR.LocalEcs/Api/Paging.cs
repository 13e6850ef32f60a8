using System.Globalization;
using System.Text;

namespace AutoPR.LocalEcs.Api;

/// <summary>Offset pagination behind an opaque nextToken, as AWS list operations page.</summary>
public static class Paging
{
    public static (IReadOnlyList<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> items, JsonArgs request, int defaultMax, string tokenName = "nextToken", string maxName = "maxResults")
    {
        var start = 0;
        if (request.Text(tokenName) is { Length: > 0 } token)
        {
            try
            {
                start = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw request.Invalid($"{tokenName} is not a token this service returned.");
            }
        }

        var max = request.WholeNumber(maxName) ?? defaultMax;
        if (max <= 0)
        {
            throw request.Invalid($"{maxName} must be greater than 0.");
        }

        var page = items.Skip(start).Take(max).ToList();
        var next = start + page.Count < items.Count
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes((start + page.Count).ToString(CultureInfo.InvariantCulture)))
            : null;
        return (page, next);
    }
}
