namespace AutoPR.Build;

/// <summary>The small YAML tree the workflow generator builds: ordered mappings, sequences, strings and plain scalars.</summary>
internal abstract record YamlNode;

/// <summary>A string; written quoted when YAML would otherwise read it as another type, as a literal block when it has several lines.</summary>
internal sealed record YamlText(string Value) : YamlNode;

/// <summary>A scalar written as is: a boolean or a number.</summary>
internal sealed record YamlPlain(string Value) : YamlNode
{
    public static YamlPlain Of(bool value) => new(value ? "true" : "false");

    public static YamlPlain Of(int value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

internal sealed record YamlSequence(IReadOnlyList<YamlNode> Items) : YamlNode
{
    public static YamlSequence Of(IEnumerable<string> values) => new([.. values.Select(v => new YamlText(v))]);
}

/// <summary>An ordered mapping; adding a null value leaves the key out, so optional settings read naturally.</summary>
internal sealed record YamlMap : YamlNode
{
    private readonly List<KeyValuePair<string, YamlNode>> _entries = [];

    public IReadOnlyList<KeyValuePair<string, YamlNode>> Entries => _entries;

    public YamlMap Add(string key, YamlNode? value)
    {
        if (value is not null)
        {
            if (_entries.Exists(e => e.Key == key))
            {
                throw new InvalidOperationException($"Duplicate YAML key '{key}'.");
            }

            _entries.Add(new(key, value));
        }

        return this;
    }

    public YamlMap Add(string key, string? text) => Add(key, text is null ? null : new YamlText(text));
}
