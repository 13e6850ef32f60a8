using AutoPR.LocalEcs.Ssm;

namespace AutoPR.LocalEcs.Tests.Fakes;

public static class ParameterStoreExtensions
{
    /// <summary>Stores a parameter as PutParameter with Overwrite would (a SecureString unless told otherwise).</summary>
    public static SsmParameter Set(this ParameterStore store, string name, string value, string type = "SecureString") =>
        store.Change(name, current => new SsmParameter
        {
            Name = name,
            Type = type,
            Value = value,
            Version = (current?.Version ?? 0) + 1,
            LastModifiedDate = DateTimeOffset.UtcNow,
        });
}
