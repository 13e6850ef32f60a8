using System.Reflection;

namespace AutoPR.Build;

/// <summary>One [Parameter] member of a build: its names, type, allowed values, and how to read and write it.</summary>
internal sealed class ParameterDescriptor
{
    private readonly MemberInfo _member;
    private readonly Lazy<IReadOnlyList<string>?> _allowedValues;

    private ParameterDescriptor(MemberInfo member, ParameterAttribute attribute, Type declaredType, Func<IReadOnlyList<string>?> allowedValues)
    {
        _member = member;
        Name = attribute.Name ?? member.Name;
        Description = attribute.Description;
        DeclaredType = declaredType;
        IsSecret = member.IsDefined(typeof(SecretAttribute));
        var elementType = declaredType.IsArray ? declaredType.GetElementType()! : declaredType;
        ScalarType = Nullable.GetUnderlyingType(elementType) ?? elementType;
        // Read on first use: a provider may depend on the root directory, which the command line sets.
        _allowedValues = new(() => allowedValues() ?? (ScalarType.IsEnum ? Enum.GetNames(ScalarType) : null));
    }

    public string Name { get; }

    public string Description { get; }

    public Type DeclaredType { get; }

    /// <summary>The type of one value: the element type of an array, the underlying type of a nullable.</summary>
    public Type ScalarType { get; }

    public bool IsArray => DeclaredType.IsArray;

    public bool IsFlag => ScalarType == typeof(bool) && !IsArray;

    public bool IsSecret { get; }

    public IReadOnlyList<string>? AllowedValues => _allowedValues.Value;

    public string OptionName => "--" + ParameterNames.Kebab(Name);

    /// <summary>Environment variables, most specific first: AUTOPR_DRY_RUN, DryRun, DRY_RUN.</summary>
    public IReadOnlyList<string> EnvironmentNames =>
        [.. new[] { "AUTOPR_" + ParameterNames.ScreamingSnake(Name), Name, ParameterNames.ScreamingSnake(Name) }.Distinct()];

    public object? GetValue(object build) => _member switch
    {
        FieldInfo field => field.GetValue(build),
        PropertyInfo property => property.GetValue(build),
        _ => null,
    };

    public void SetValue(object build, object? value)
    {
        switch (_member)
        {
            case FieldInfo field:
                field.SetValue(build, value);
                break;
            case PropertyInfo property:
                property.SetValue(build, value);
                break;
        }
    }

    public static IReadOnlyList<ParameterDescriptor> Discover(Type buildType)
    {
        ArgumentNullException.ThrowIfNull(buildType);
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var members = buildType.GetFields(flags).Cast<MemberInfo>()
            .Concat(buildType.GetProperties(flags))
            .Where(m => m.IsDefined(typeof(ParameterAttribute)))
            .OrderBy(m => m.Name, StringComparer.Ordinal);

        return [.. members.Select(member =>
        {
            var attribute = member.GetCustomAttribute<ParameterAttribute>()!;
            var type = member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;
            if (member is PropertyInfo { CanWrite: false })
            {
                throw new InvalidOperationException($"Parameter {member.Name} needs a setter.");
            }

            return new ParameterDescriptor(member, attribute, type, () => ReadAllowedValues(buildType, attribute));
        })];
    }

    private static List<string>? ReadAllowedValues(Type buildType, ParameterAttribute attribute)
    {
        if (attribute.AllowedValuesFrom is not { } source)
        {
            return null;
        }

        const BindingFlags flags = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.FlattenHierarchy;
        var member = (MemberInfo?)buildType.GetProperty(source, flags) ?? buildType.GetMethod(source, flags, Type.EmptyTypes)
            ?? throw new InvalidOperationException($"AllowedValuesFrom names {source}, which is not a static property or method of {buildType.Name}.");
        var values = member is PropertyInfo p ? p.GetValue(null) : ((MethodInfo)member).Invoke(null, null);
        return [.. (IEnumerable<string>)values!];
    }
}
