namespace AutoPR.Build;

/// <summary>
/// Marks a field or property of the build as a parameter: <c>--kebab-name</c> on the command line, an
/// environment variable (exact name, SCREAMING_SNAKE or AUTOPR_-prefixed), or a key of .nuke/parameters.json.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string description) : Attribute
{
    public string Description { get; } = description;

    /// <summary>
    /// Name of a static member of the build returning <c>IEnumerable&lt;string&gt;</c>: the values a string
    /// parameter accepts (shown in help and the schema; anything else is a usage error).
    /// </summary>
    public string? AllowedValuesFrom { get; set; }

    /// <summary>The parameter's name when it cannot be the member's (<c>Task</c> would hide the type inside the build).</summary>
    public string? Name { get; set; }
}

/// <summary>The parameter holds a secret: its value never appears in any output.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
