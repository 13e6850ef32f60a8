namespace AutoPR.Build;

/// <summary>A normalized absolute path; <c>RootDirectory / "artifacts" / "tests"</c> composes paths.</summary>
public sealed record AbsolutePath
{
    private AbsolutePath(string value) => Value = value;

    public string Value { get; }

    public string Name => System.IO.Path.GetFileName(Value);

    public AbsolutePath Parent => new(System.IO.Path.GetDirectoryName(Value) ?? Value);

    public static AbsolutePath Create(string path, string? relativeTo = null) =>
        new(System.IO.Path.GetFullPath(relativeTo is null ? path : System.IO.Path.Combine(relativeTo, path)));

    public static AbsolutePath operator /(AbsolutePath left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return Create(right, left.Value);
    }

    public static implicit operator string(AbsolutePath path) => path?.Value ?? throw new ArgumentNullException(nameof(path));

    public AbsolutePath Divide(string right) => this / right;

    public string RelativeTo(AbsolutePath other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return System.IO.Path.GetRelativePath(other.Value, Value);
    }

    public bool Exists() => File.Exists(Value) || Directory.Exists(Value);

    public override string ToString() => Value;
}
