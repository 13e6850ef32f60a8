namespace AutoPR.Build;

/// <summary>Knows the secret values of this run and masks them in any text bound for output.</summary>
internal sealed class SecretRedactor
{
    public const string Mask = "***";

    private readonly List<string> _secrets = [];
    private readonly Lock _gate = new();

    public void Add(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);

        // Very short values would mask ordinary words; a secret of that size protects nothing anyway.
        if (secret.Length < 3)
        {
            return;
        }

        lock (_gate)
        {
            if (!_secrets.Contains(secret))
            {
                _secrets.Add(secret);
                _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
            }
        }
    }

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            return _secrets.Aggregate(text, (current, secret) => current.Replace(secret, Mask, StringComparison.Ordinal));
        }
    }
}
