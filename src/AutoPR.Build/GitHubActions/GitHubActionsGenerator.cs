using System.Reflection;
using System.Text.RegularExpressions;

namespace AutoPR.Build;

/// <summary>
/// Turns the GitHub Actions attributes of a build class into workflow files: one per
/// <see cref="GitHubActionsWorkflowAttribute"/>, with its <see cref="GitHubActionsInputAttribute"/>s and
/// <see cref="GitHubActionsJobAttribute"/>s in declaration order. The text is a function of the attributes only.
/// </summary>
internal static partial class GitHubActionsGenerator
{
    public const string FileExtension = ".yml";

    /// <param name="buildType">The class carrying the attributes.</param>
    /// <param name="headerLines">Comment lines at the top of every file (say that it is generated, and from where).</param>
    public static IReadOnlyList<GitHubActionsWorkflowFile> Generate(Type buildType, IReadOnlyList<string> headerLines)
    {
        ArgumentNullException.ThrowIfNull(buildType);
        ArgumentNullException.ThrowIfNull(headerLines);
        var workflows = buildType.GetCustomAttributes<GitHubActionsWorkflowAttribute>(inherit: true).ToList();
        var jobs = buildType.GetCustomAttributes<GitHubActionsJobAttribute>(inherit: true).ToList();
        var inputs = buildType.GetCustomAttributes<GitHubActionsInputAttribute>(inherit: true).ToList();

        CheckUnique(workflows.Select(w => w.Id), "workflow id", buildType.Name);
        foreach (var workflow in workflows.Where(w => !WorkflowId().IsMatch(w.Id)))
        {
            throw new InvalidOperationException($"Workflow id '{workflow.Id}' is not a file name: use letters, digits, '.', '-' and '_'.");
        }

        var known = workflows.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in jobs.Select(j => (Kind: "Job", j.Id, j.Workflow)).Concat(inputs.Select(i => (Kind: "Input", Id: i.Name, i.Workflow))).Where(x => !known.Contains(x.Workflow)))
        {
            throw new InvalidOperationException(
                $"{orphan.Kind} '{orphan.Id}' names workflow '{orphan.Workflow}', which has no [GitHubActionsWorkflow(\"{orphan.Workflow}\")] on {buildType.Name}.");
        }

        return [.. workflows.Select(w => Create(
            w,
            [.. jobs.Where(j => j.Workflow == w.Id)],
            [.. inputs.Where(i => i.Workflow == w.Id)],
            headerLines))];
    }

    /// <summary>
    /// Writes the files into <paramref name="directory"/> (only those whose text changed) and deletes the .yml files there
    /// that carry the same generated header but are no longer generated. Returns one line per change.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(IReadOnlyList<GitHubActionsWorkflowFile> files, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var changes = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.FileName);
            if (!File.Exists(path) || await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) != file.Text)
            {
                await File.WriteAllTextAsync(path, file.Text, cancellationToken).ConfigureAwait(false);
                changes.Add($"{file.FileName}: written");
            }
        }

        var generatedMark = files.Count > 0 ? FirstLine(files[0].Text) : null;
        var current = files.Select(f => f.FileName).ToHashSet(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*" + FileExtension).Order(StringComparer.Ordinal))
        {
            if (generatedMark is not null && !current.Contains(Path.GetFileName(path))
                && FirstLine(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)) == generatedMark)
            {
                File.Delete(path);
                changes.Add($"{Path.GetFileName(path)}: deleted (no longer generated)");
            }
        }

        return changes;
    }

    private static GitHubActionsWorkflowFile Create(
        GitHubActionsWorkflowAttribute workflow,
        IReadOnlyList<GitHubActionsJobAttribute> jobs,
        IReadOnlyList<GitHubActionsInputAttribute> inputs,
        IReadOnlyList<string> headerLines)
    {
        var owner = $"Workflow '{workflow.Id}'";
        if (jobs.Count == 0)
        {
            throw new InvalidOperationException($"{owner} has no jobs: add a [GitHubActionsJob(\"{workflow.Id}\", \"<job id>\", ...)].");
        }

        CheckUnique(jobs.Select(j => j.Id), "job id", owner);
        CheckUnique(inputs.Select(i => i.Name), "input", owner);

        var invoked = new List<string>();
        var jobsYaml = new YamlMap();
        foreach (var job in jobs)
        {
            jobsYaml.Add(job.Id, Job(job, jobs, invoked));
        }

        var document = new YamlMap()
            .Add("name", workflow.Name ?? workflow.Id)
            .Add("on", Triggers(workflow, inputs, owner))
            .Add("permissions", GitHubActionsPermissions.ToYaml(workflow.Permissions, owner))
            .Add("concurrency", Concurrency(workflow.ConcurrencyGroup, workflow.CancelInProgress))
            .Add("jobs", jobsYaml);
        return new GitHubActionsWorkflowFile(workflow.Id + FileExtension, YamlWriter.Write(document, headerLines), [.. invoked.Distinct(StringComparer.Ordinal)]);
    }

    private static YamlMap Triggers(GitHubActionsWorkflowAttribute workflow, IReadOnlyList<GitHubActionsInputAttribute> inputs, string owner)
    {
        var on = new YamlMap();
        var push = workflow.OnPushBranches.Length > 0 || workflow.On.Contains(GitHubActionsTrigger.Push);
        var pullRequest = workflow.OnPullRequestBranches.Length > 0 || workflow.On.Contains(GitHubActionsTrigger.PullRequest);
        if (workflow.Paths.Length > 0 && !push && !pullRequest)
        {
            throw new InvalidOperationException($"{owner}: Paths filter pushes and pull requests, and the workflow starts on neither.");
        }

        if (push)
        {
            on.Add("push", Filters(workflow.OnPushBranches, workflow.Paths));
        }

        if (pullRequest)
        {
            on.Add("pull_request", Filters(workflow.OnPullRequestBranches, workflow.Paths));
        }

        if (workflow.OnSchedule.Length > 0)
        {
            on.Add("schedule", new YamlSequence([.. workflow.OnSchedule.Select(cron => new YamlMap().Add("cron", Cron(cron, owner)))]));
        }

        if (inputs.Count > 0 || workflow.On.Contains(GitHubActionsTrigger.WorkflowDispatch))
        {
            var inputsYaml = new YamlMap();
            foreach (var input in inputs)
            {
                inputsYaml.Add(input.Name, Input(input, owner));
            }

            on.Add("workflow_dispatch", inputs.Count > 0 ? new YamlMap().Add("inputs", inputsYaml) : new YamlMap());
        }

        return on.Entries.Count > 0
            ? on
            : throw new InvalidOperationException($"{owner} has no trigger: set On, OnPushBranches, OnPullRequestBranches or OnSchedule, or add an input.");
    }

    private static YamlMap Filters(string[] branches, string[] paths) => new YamlMap()
        .Add("branches", branches.Length == 0 ? null : YamlSequence.Of(branches))
        .Add("paths", paths.Length == 0 ? null : YamlSequence.Of(paths));

    // GitHub takes POSIX cron: five fields. Six (seconds) is a common slip that GitHub would reject only at run time.
    private static string Cron(string cron, string owner) =>
        cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 5
            ? cron
            : throw new InvalidOperationException($"{owner}: schedule '{cron}' is not a cron expression of five fields (minute hour day month weekday).");

    private static YamlMap Input(GitHubActionsInputAttribute input, string owner)
    {
        if (input.Default is { } value && input.Options.Length > 0 && !input.Options.Contains(value))
        {
            throw new InvalidOperationException($"{owner}: input '{input.Name}' defaults to '{value}', which is not one of its options ({string.Join(", ", input.Options)}).");
        }

        return new YamlMap()
            .Add("description", input.Description)
            .Add("required", YamlPlain.Of(input.Required))
            .Add("type", input.Options.Length > 0 ? "choice" : "string")
            .Add("default", input.Default)
            .Add("options", input.Options.Length > 0 ? YamlSequence.Of(input.Options) : null);
    }

    private static YamlMap? Concurrency(string? group, bool cancelInProgress) =>
        group is null ? null : new YamlMap().Add("group", group).Add("cancel-in-progress", YamlPlain.Of(cancelInProgress));

    private static YamlMap Job(GitHubActionsJobAttribute job, IReadOnlyList<GitHubActionsJobAttribute> siblings, List<string> invoked)
    {
        var owner = $"Job '{job.Id}' of workflow '{job.Workflow}'";
        if (!JobId().IsMatch(job.Id))
        {
            throw new InvalidOperationException($"{owner}: a job id starts with a letter or '_' and has only letters, digits, '-' and '_'.");
        }

        foreach (var need in job.Needs.Where(n => n == job.Id || siblings.All(s => s.Id != n)))
        {
            throw new InvalidOperationException($"{owner} needs '{need}', which is not another job of the workflow.");
        }

        var steps = job.GetSteps().ToList();
        var builds = steps.Where(s => s.InvokedTargets.Count > 0).ToList();
        if (builds.Count == 0 && !steps.Any(s => s.Run is not null))
        {
            throw new InvalidOperationException($"{owner} runs nothing: set InvokedTargets, or override GetBuildSteps.");
        }

        if (builds.Count > 0 && !job.SetupDotNet)
        {
            throw new InvalidOperationException($"{owner} runs ./build.sh, which needs .NET: leave SetupDotNet on.");
        }

        invoked.AddRange(builds.SelectMany(s => s.InvokedTargets));
        return new YamlMap()
            .Add("name", job.Name)
            .Add("if", job.If)
            .Add("needs", job.Needs.Length > 0 ? YamlSequence.Of(job.Needs) : null)
            .Add("runs-on", job.RunsOn)
            .Add("environment", job.Environment)
            .Add("permissions", GitHubActionsPermissions.ToYaml(job.Permissions, owner))
            .Add("concurrency", Concurrency(job.ConcurrencyGroup, job.CancelInProgress))
            .Add("timeout-minutes", job.TimeoutMinutes > 0 ? YamlPlain.Of(job.TimeoutMinutes) : null)
            .Add("steps", new YamlSequence([.. steps.Select((s, i) => Step(s, $"{owner}, step {i + 1}"))]));
    }

    private static YamlMap Step(GitHubActionsStep step, string owner)
    {
        if ((step.Uses is null) == (step.Run is null))
        {
            throw new InvalidOperationException($"{owner}: a step either uses an action or runs a script, not both or neither.");
        }

        if (step.Run is not null && step.With.Count > 0)
        {
            throw new InvalidOperationException($"{owner}: 'with' gives inputs to an action; a script step takes 'env' instead.");
        }

        return new YamlMap()
            .Add("name", step.Name)
            .Add("if", step.If)
            .Add("uses", step.Uses)
            .Add("with", Pairs(step.With))
            .Add("env", Pairs(step.Env))
            .Add("run", step.Run);
    }

    private static YamlMap? Pairs(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        if (pairs.Count == 0)
        {
            return null;
        }

        var map = new YamlMap();
        foreach (var (key, value) in pairs)
        {
            map.Add(key, value);
        }

        return map;
    }

    private static void CheckUnique(IEnumerable<string> names, string what, string owner)
    {
        var duplicate = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"{owner}: {what} '{duplicate.Key}' is declared twice.");
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex WorkflowId();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex JobId();
}
