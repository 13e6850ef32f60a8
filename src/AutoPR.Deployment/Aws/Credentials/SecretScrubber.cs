using System.Text.RegularExpressions;

namespace AutoPR.Deployment.Aws.Credentials;

/// <summary>
/// Last line of defence for texts that come from elsewhere (SDK messages, error bodies): removes anything
/// shaped like an access key id, a secret key or a session token before it can reach a log or an error.
/// </summary>
internal static partial class SecretScrubber
{
    /// <summary>The text with key-shaped tokens replaced by "[redacted]".</summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = AccessKeyId().Replace(text, "[redacted]");
        return LongToken().Replace(text, match => LooksRandom(match.Value) ? "[redacted]" : match.Value);
    }

    /// <summary>The first line of <paramref name="text"/>, scrubbed.</summary>
    public static string FirstLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.Split('\n', 2)[0].Trim();
        return Scrub(line);
    }

    // Random key material mixes upper case, lower case and digits; ARN paths and words rarely do all three.
    private static bool LooksRandom(string run) =>
        run.Any(char.IsAsciiLetterUpper) && run.Any(char.IsAsciiLetterLower) && run.Any(char.IsAsciiDigit);

    // Access key ids: AKIA/ASIA/AIDA... followed by 16 upper-case letters or digits.
    [GeneratedRegex(@"\b(AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|AIPA)[A-Z0-9]{12,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex AccessKeyId();

    // Secret keys (40 chars) and session tokens (hundreds) are long runs of base64 characters.
    [GeneratedRegex(@"[A-Za-z0-9+/=]{40,}", RegexOptions.CultureInvariant)]
    private static partial Regex LongToken();
}
