using System.Text;

namespace AutoPR.Build;

/// <summary>The spellings of one member name: DryRun, dry-run, DRY_RUN.</summary>
internal static class ParameterNames
{
    public static string Kebab(string memberName) => Split(memberName, '-', upper: false);

    public static string ScreamingSnake(string memberName) => Split(memberName, '_', upper: true);

    private static string Split(string name, char separator, bool upper)
    {
        var result = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var startsWord = i > 0 && char.IsUpper(c) &&
                (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (startsWord && result.Length > 0 && result[^1] != separator)
            {
                result.Append(separator);
            }

            result.Append(c is '_' or '-' ? separator : upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }

        return result.ToString();
    }
}
