namespace AutoPR.Service.Database;

/// <summary>
/// Marks a migration whose Down loses data (drops a column or table that holds values). `migrate`
/// refuses to go down through it without --confirm-data-loss and names what would be lost.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class DestructiveDownAttribute(string loses) : Attribute
{
    /// <summary>What the Down throws away, in words, e.g. "the author of every pull request".</summary>
    public string Loses { get; } = loses;
}
