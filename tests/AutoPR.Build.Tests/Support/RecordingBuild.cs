using System.Runtime.CompilerServices;

namespace AutoPR.Build.Tests.Support;

/// <summary>A test build whose targets record that they ran: <c>Target A => _ => _.Executes(Record())</c>.</summary>
internal abstract class RecordingBuild : NukeBuild
{
    public List<string> Ran { get; } = [];

    /// <summary>A body that appends the calling target's name to <see cref="Ran"/>.</summary>
    protected Action Record([CallerMemberName] string target = "") => () => Ran.Add(target);

    /// <summary>A body that records, then fails with <paramref name="message"/>.</summary>
    protected Action Fail(string message, [CallerMemberName] string target = "") => () =>
    {
        Ran.Add(target);
        throw new InvalidOperationException(message);
    };
}
