using System.Globalization;
using System.Xml.Linq;
using AutoPR.Build;

namespace AutoPR.BuildDefinition.Testing;

/// <summary>A test that did not pass, with the first line of why.</summary>
internal sealed record TestFailure(string Name, string Reason);

/// <summary>
/// What the TRX files of a run say: the totals, and the tests that failed. The failures are printed at the end of the
/// run because a CI log is often read from its tail, far from where the test runner printed them.
/// </summary>
internal sealed record TestResults(int Passed, int Failed, int Skipped, IReadOnlyList<TestFailure> Failures)
{
    private const int ReasonLength = 400;
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    private static readonly string[] FailedOutcomes = ["Failed", "Error", "Timeout", "Aborted"];

    public static TestResults Read(AbsolutePath directory)
    {
        var documents = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.trx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(XDocument.Load).ToList()
            : [];
        var counters = documents.Select(d => d.Descendants(Trx + "Counters").Single()).ToList();
        int Sum(string name) => counters.Sum(c => int.Parse(c.Attribute(name)?.Value ?? "0", CultureInfo.InvariantCulture));
        var failures = documents
            .SelectMany(d => d.Descendants(Trx + "UnitTestResult"))
            .Where(r => FailedOutcomes.Contains((string?)r.Attribute("outcome")))
            .Select(r => new TestFailure((string?)r.Attribute("testName") ?? "(unnamed test)", FirstLine(r.Descendants(Trx + "Message").FirstOrDefault()?.Value)))
            .ToList();
        return new TestResults(
            Sum("passed"), Sum("failed") + Sum("error") + Sum("timeout") + Sum("aborted"), Sum("notExecuted"), failures);
    }

    private static string FirstLine(string? message)
    {
        var line = message?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (string.IsNullOrEmpty(line))
        {
            return "no message";
        }

        return line.Length <= ReasonLength ? line : string.Concat(line.AsSpan(0, ReasonLength), "...");
    }

    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";
}
