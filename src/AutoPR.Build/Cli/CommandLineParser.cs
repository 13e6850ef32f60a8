using System.CommandLine;

namespace AutoPR.Build;

/// <summary>
/// Parses <c>./build.sh [targets] [--target T] [--skip [T...]] [--plan] [--help] [--verbosity V] [--root DIR]
/// [--profile P] [--parameter value ...]</c> with System.CommandLine. Parameter values stay raw text here, so that
/// every source is parsed (and fails) the same way in <see cref="ParameterValueParser"/>.
/// </summary>
internal static class CommandLineParser
{
    public static HostInvocation Parse(IReadOnlyList<string> args, IReadOnlyList<ParameterDescriptor> parameters)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(parameters);

        var targets = new Argument<string[]>("targets") { Arity = ArgumentArity.ZeroOrMore };
        var target = new Option<string[]>("--target", "-t") { Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var skip = new Option<string[]>("--skip") { Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var plan = new Option<bool>("--plan");
        var help = new Option<bool>("--help", "-h", "-?");
        var verbosity = new Option<string>("--verbosity", "-v");
        var root = new Option<string>("--root");
        var profile = new Option<string[]>("--profile") { Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };

        var command = new RootCommand { targets, target, skip, plan, help, verbosity, root, profile };

        // RootCommand brings its own --help and --version; the host renders help itself.
        foreach (var builtIn in command.Options.Where(o => o != help && (o.Name is "--help" or "--version")).ToList())
        {
            command.Options.Remove(builtIn);
        }

        var parameterOptions = new Dictionary<ParameterDescriptor, Option>();
        foreach (var parameter in parameters)
        {
            // A flag is Option<bool> so that it only takes a following true/false: `--dry-run Compile` keeps Compile a target.
            Option option = parameter.IsArray
                ? new Option<string[]>(parameter.OptionName) { Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true }
                : parameter.IsFlag
                    ? new Option<bool>(parameter.OptionName) { Arity = ArgumentArity.ZeroOrOne }
                    : new Option<string>(parameter.OptionName) { Arity = ArgumentArity.ExactlyOne };
            parameterOptions[parameter] = option;
            command.Options.Add(option);
        }

        var result = command.Parse([.. args]);
        if (result.Errors.Count > 0)
        {
            throw new UsageException(Describe(result.Errors[0].Message, command));
        }

        // An option that nobody declared lands among the positional targets; say what it is.
        if ((result.GetValue(targets) ?? []).FirstOrDefault(t => t.StartsWith('-')) is { } stray)
        {
            throw new UsageException(UnknownOption(stray, command));
        }

        var skipResult = result.GetResult(skip);
        var skipNames = result.GetValue(skip) ?? [];
        // Raw tokens: every source is parsed the same way later, by ParameterValueParser.
        // An Option<bool> always has an (implicit) result; only options actually given count.
        var values = parameterOptions
            .Select(p => (p.Key.Name, Result: result.GetResult(p.Value)))
            .Where(p => p.Result is { Implicit: false })
            .ToDictionary(p => p.Name, p => (IReadOnlyList<string>)[.. p.Result!.Tokens.Select(t => t.Value)]);

        return new HostInvocation(
            Targets: [.. result.GetValue(targets) ?? [], .. result.GetValue(target) ?? []],
            Skip: skipResult is null ? SkipRequest.None : new SkipRequest(skipNames.Length == 0, skipNames),
            ShowPlan: result.GetValue(plan),
            ShowHelp: result.GetValue(help),
            Verbosity: ParseVerbosity(result.GetValue(verbosity)),
            Root: result.GetValue(root),
            Profiles: result.GetValue(profile) ?? [],
            ParameterValues: values);
    }

    private static Verbosity ParseVerbosity(string? text) =>
        text is null ? Verbosity.Normal
        : Enum.TryParse<Verbosity>(text, ignoreCase: true, out var verbosity) && Enum.IsDefined(verbosity) ? verbosity
        : throw new UsageException($"--verbosity '{text}' is not one of {string.Join(", ", Enum.GetNames<Verbosity>())}; for example --verbosity verbose.");

    /// <summary>System.CommandLine's messages, with the fix a build user needs.</summary>
    private static string Describe(string message, RootCommand command)
    {
        var token = message.Split('\'').ElementAtOrDefault(1) ?? "";
        if (message.Contains("Unrecognized command or argument", StringComparison.Ordinal) && token.StartsWith('-'))
        {
            return UnknownOption(token, command);
        }

        if (message.StartsWith("Required argument missing for option", StringComparison.Ordinal))
        {
            return $"{token} needs a value: {token} <value>. Run ./build.sh --help for the allowed values.";
        }

        return message.TrimEnd('.') + ". Run ./build.sh --help for usage.";
    }

    private static string UnknownOption(string token, RootCommand command)
    {
        var close = TargetNames.Closest(command.Options.Select(o => o.Name), token);
        return close.Count > 0
            ? $"Unknown option '{token}'. Did you mean {string.Join(", ", close)}?"
            : $"Unknown option '{token}'. Run ./build.sh --help to list the parameters.";
    }
}
