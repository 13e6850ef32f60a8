using System.Globalization;

namespace AutoPR.Service.Database;

/// <summary>The arguments of `AutoPR.Service migrate [--to N] [--confirm-data-loss] [--plan] [--lock-timeout SECONDS]`.</summary>
internal sealed record MigrateArguments(long? To, bool ConfirmDataLoss, bool PlanOnly, TimeSpan LockTimeout)
{
    public const string Usage = "usage: AutoPR.Service migrate [--to N] [--confirm-data-loss] [--plan] [--lock-timeout SECONDS]";
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Parses the arguments after "migrate"; null with <paramref name="error"/> set when they are unusable.</summary>
    public static MigrateArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        long? to = null;
        var confirm = false;
        var plan = false;
        var lockTimeout = DefaultLockTimeout;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--to" when i + 1 < args.Count && long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var version):
                    to = version;
                    i++;
                    break;
                case "--to":
                    error = $"--to needs a schema version (a whole number, 0 for empty); {Usage}";
                    return null;
                case "--lock-timeout" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds):
                    lockTimeout = TimeSpan.FromSeconds(seconds);
                    i++;
                    break;
                case "--lock-timeout":
                    error = $"--lock-timeout needs whole seconds; {Usage}";
                    return null;
                case "--confirm-data-loss":
                    confirm = true;
                    break;
                case "--plan":
                    plan = true;
                    break;
                default:
                    error = $"unknown argument {args[i]}; {Usage}";
                    return null;
            }
        }

        return new MigrateArguments(to, confirm, plan, lockTimeout);
    }
}
