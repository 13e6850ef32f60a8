using System.Text.Json;
using System.Text.RegularExpressions;

namespace AutoPR.Infra.Tests.Support;

/// <summary>
/// What terraform validate would catch, and what it would not, checked on the parsed HCL without providers. Each
/// check returns its findings, one line each naming the file and the thing; none means the check passed.
/// </summary>
internal static partial class InfraChecks
{
    /// <summary>The value every SSM parameter is created with; the real one is set out of band.</summary>
    public const string SsmPlaceholder = "placeholder-set-out-of-band";

    /// <summary>The file GenerateIamPolicy writes, relative to the repository root.</summary>
    public const string DeployRolePolicyFile = "deploy/iam/deploy-role-policy.json";

    private static readonly HashSet<string> ModuleMetaArguments = ["source", "version", "providers", "depends_on", "count", "for_each"];

    [GeneratedRegex(@"(?<![\w.])var\.([A-Za-z_][A-Za-z0-9_-]*)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"(?<![\w.])module\.([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_-]*)")]
    private static partial Regex ModuleOutputReference();

    // ---- Variables and module calls -------------------------------------------------------------

    /// <summary>Every var.X used in a folder is declared there.</summary>
    public static IReadOnlyList<string> UndeclaredVariables(TerraformTree tree)
    {
        var findings = new List<string>();
        foreach (var folder in tree.Folders)
        {
            var declared = tree.Blocks(folder, "variable").Select(b => b.Address).ToHashSet(StringComparer.Ordinal);
            foreach (var text in tree.Strings(folder))
            {
                foreach (Match match in VariableReference().Matches(text.Text))
                {
                    var name = match.Groups[1].Value;
                    if (!declared.Contains(name))
                    {
                        findings.Add($"{text.File}: var.{name} is used ({text.Path}) but {folder} declares no variable \"{name}\"");
                    }
                }
            }
        }

        return findings.Distinct().ToList();
    }

    /// <summary>The calls of modules in this repository (source "./" or "../"): the calling folder, the block and the module's folder.</summary>
    public static IEnumerable<(string Folder, TerraformBlock Call, string Module)> LocalModuleCalls(TerraformTree tree) =>
        from folder in tree.Folders
        from call in tree.Blocks(folder, "module")
        let source = call.StringOf("source")
        where source is not null && (source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal))
        select (folder, call, NormalizeFolder(folder + "/" + source));

    /// <summary>Every variable without a default gets a value in every call of its module.</summary>
    public static IReadOnlyList<string> RequiredVariablesWithoutValue(TerraformTree tree)
    {
        var findings = new List<string>();
        foreach (var (_, call, module) in LocalModuleCalls(tree))
        {
            foreach (var variable in tree.Blocks(module, "variable").Where(v => !v.Has("default")))
            {
                if (!call.Has(variable.Address))
                {
                    findings.Add($"{call.File}: module \"{call.Address}\" gives no value for {module}'s required variable \"{variable.Address}\"");
                }
            }
        }

        return findings;
    }

    /// <summary>Every argument of a call of a module in this repository is a variable that module declares.</summary>
    public static IReadOnlyList<string> UnknownModuleArguments(TerraformTree tree)
    {
        var findings = new List<string>();
        foreach (var (_, call, module) in LocalModuleCalls(tree))
        {
            if (!tree.Folders.Contains(module))
            {
                findings.Add($"{call.File}: module \"{call.Address}\" calls {module}, which has no .tf files");
                continue;
            }

            var declared = tree.Blocks(module, "variable").Select(v => v.Address).ToHashSet(StringComparer.Ordinal);
            findings.AddRange(call.Attributes
                .Where(a => !ModuleMetaArguments.Contains(a) && !declared.Contains(a))
                .Select(a => $"{call.File}: module \"{call.Address}\" passes \"{a}\", which {module} does not declare"));
        }

        return findings;
    }

    /// <summary>The registry module call named <paramref name="callName"/> in the module passes only variables from <paramref name="variables"/>.</summary>
    public static IReadOnlyList<string> UnknownRegistryModuleArguments(TerraformTree tree, string callName, IReadOnlySet<string> variables)
    {
        var calls = tree.Blocks(TerraformTree.Module, "module").Where(c => c.Address == callName).ToList();
        if (calls.Count != 1)
        {
            return [$"{TerraformTree.Module}: expected one module \"{callName}\", found {calls.Count}"];
        }

        return calls[0].Attributes
            .Where(a => !ModuleMetaArguments.Contains(a) && !variables.Contains(a))
            .Select(a => $"{calls[0].File}: module \"{callName}\" passes \"{a}\", which the registry module does not declare")
            .ToList();
    }

    /// <summary>Each root re-exports every output of the environment module under the same name, and refers to no output the module lacks.</summary>
    public static IReadOnlyList<string> RootOutputsMissing(TerraformTree tree)
    {
        var findings = new List<string>();
        var moduleOutputs = tree.Blocks(TerraformTree.Module, "output").Select(o => o.Address).ToHashSet(StringComparer.Ordinal);
        foreach (var (folder, call, module) in LocalModuleCalls(tree).Where(c => c.Module == TerraformTree.Module))
        {
            var outputs = tree.Blocks(folder, "output").ToDictionary(o => o.Address, StringComparer.Ordinal);
            foreach (var name in moduleOutputs.Order(StringComparer.Ordinal))
            {
                var expected = $"${{module.{call.Address}.{name}}}";
                if (!outputs.TryGetValue(name, out var output))
                {
                    findings.Add($"{folder}: no output \"{name}\" (the module's output an environment file may refer to)");
                }
                else if (output.StringOf("value") != expected)
                {
                    findings.Add($"{output.File}: output \"{name}\" is {output.StringOf("value") ?? "not a plain reference"}, expected {expected}");
                }
            }

            foreach (var text in tree.Strings(folder))
            {
                foreach (Match match in ModuleOutputReference().Matches(text.Text))
                {
                    if (match.Groups[1].Value == call.Address && !moduleOutputs.Contains(match.Groups[2].Value))
                    {
                        findings.Add($"{text.File}: {match.Value} ({text.Path}) is not an output of {module}");
                    }
                }
            }
        }

        return findings;
    }

    // ---- The deploy role ------------------------------------------------------------------------

    /// <summary>
    /// The deploy role's only policy is read with file() from the generated deploy/iam/deploy-role-policy.json, and
    /// its trust admits exactly repo:&lt;owner&gt;/&lt;repo&gt;:environment:&lt;env&gt; through GitHub's OIDC provider.
    /// </summary>
    public static IReadOnlyList<string> DeployRoleProblems(TerraformTree tree)
    {
        var findings = new List<string>();
        var module = TerraformTree.Module;
        var resources = tree.Blocks(module, "resource").ToList();
        var role = resources.SingleOrDefault(r => r.Address == "aws_iam_role.deploy");
        if (role is null)
        {
            return [$"{module}: no resource aws_iam_role.deploy"];
        }

        foreach (var inline in new[] { "inline_policy", "managed_policy_arns" }.Where(role.Has))
        {
            findings.Add($"{role.File}: aws_iam_role.deploy sets {inline}; its only policy must be the generated file");
        }

        var attached = resources.Where(r => r.Address != "aws_iam_role.deploy" && References(r, "aws_iam_role.deploy")).ToList();
        var policies = attached.Where(r => r.Address.StartsWith("aws_iam_role_policy.", StringComparison.Ordinal)).ToList();
        findings.AddRange(attached.Except(policies).Select(r => $"{r.File}: {r.Address} gives the deploy role more than the generated policy"));
        if (policies.Count != 1)
        {
            findings.Add($"{module}: the deploy role has {policies.Count} inline policies; expected exactly one, read from {DeployRolePolicyFile}");
        }

        foreach (var policy in policies)
        {
            var match = Regex.Match(policy.StringOf("policy") ?? string.Empty, @"^\$\{file\(""\$\{path\.module\}/([^""$]+)""\)\}$");
            if (!match.Success)
            {
                findings.Add($"{policy.File}: {policy.Address}.policy is {policy.StringOf("policy") ?? "not a string"}; expected file(\"${{path.module}}/<path to {DeployRolePolicyFile}>\")");
                continue;
            }

            var read = Path.GetFullPath(Path.Combine(tree.Root, module, match.Groups[1].Value));
            var generated = Path.GetFullPath(Path.Combine(tree.Root, DeployRolePolicyFile));
            if (read != generated)
            {
                findings.Add($"{policy.File}: {policy.Address} reads {Path.GetRelativePath(tree.Root, read)}, not {DeployRolePolicyFile}");
            }
            else if (!File.Exists(generated))
            {
                findings.Add($"{policy.File}: {policy.Address} reads {DeployRolePolicyFile}, which does not exist (run GenerateIamPolicy)");
            }
        }

        findings.AddRange(DeployTrustProblems(tree, role));
        return findings;
    }

    private static IEnumerable<string> DeployTrustProblems(TerraformTree tree, TerraformBlock role)
    {
        var document = Regex.Match(role.StringOf("assume_role_policy") ?? string.Empty, @"^\$\{data\.aws_iam_policy_document\.([\w-]+)\.json\}$");
        if (!document.Success)
        {
            yield return $"{role.File}: aws_iam_role.deploy.assume_role_policy should be an aws_iam_policy_document's json";
            yield break;
        }

        var trust = tree.Blocks(TerraformTree.Module, "data").SingleOrDefault(d => d.Address == "aws_iam_policy_document." + document.Groups[1].Value);
        if (trust is null)
        {
            yield return $"{role.File}: no data.aws_iam_policy_document.{document.Groups[1].Value}";
            yield break;
        }

        const string expectedSubject = "repo:${var.github_owner}/${var.github_repository}:environment:${var.environment}";
        var statements = trust.Body.TryGetProperty("statement", out var s) ? s.EnumerateArray().ToList() : [];
        if (statements.Count != 1)
        {
            yield return $"{trust.File}: the deploy role's trust has {statements.Count} statements; expected one";
            yield break;
        }

        var conditions = statements[0].TryGetProperty("condition", out var c) ? c.EnumerateArray().ToList() : [];
        var subjects = conditions.Where(x => Text(x, "variable") == "token.actions.githubusercontent.com:sub").ToList();
        if (subjects.Count != 1 || Text(subjects[0], "test") != "StringEquals"
            || !subjects[0].TryGetProperty("values", out var values) || values.GetArrayLength() != 1 || values[0].GetString() != expectedSubject)
        {
            yield return $"{trust.File}: the deploy role's trust must admit exactly StringEquals token.actions.githubusercontent.com:sub = {expectedSubject}";
        }

        if (!conditions.Any(x => Text(x, "variable") == "token.actions.githubusercontent.com:aud" && Text(x, "test") == "StringEquals"))
        {
            yield return $"{trust.File}: the deploy role's trust must require the audience sts.amazonaws.com (token.actions.githubusercontent.com:aud)";
        }

        var actions = statements[0].TryGetProperty("actions", out var a) ? a.EnumerateArray().Select(x => x.GetString()).ToList() : [];
        if (actions is not ["sts:AssumeRoleWithWebIdentity"])
        {
            yield return $"{trust.File}: the deploy role's trust must allow only sts:AssumeRoleWithWebIdentity";
        }
    }

    // ---- Literals that belong to one account or one environment ---------------------------------

    [GeneratedRegex(@"(?<!\d)\d{12}(?!\d)")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"\barn:(?!\$\{)[^\s""]*")]
    private static partial Regex ArnLiteral();

    [GeneratedRegex(@"\b(?:subnet|sg|vpc|igw|nat|rtb|eni|acl)-[0-9a-f]{8,17}\b")]
    private static partial Regex ResourceId();

    /// <summary>No account id, ARN literal or subnet / security group / VPC id in the module: those are the roots' per-environment values.</summary>
    public static IReadOnlyList<string> AccountSpecificLiterals(TerraformTree tree)
    {
        var findings = new List<string>();
        foreach (var text in tree.Strings(TerraformTree.Module))
        {
            foreach (var (pattern, what) in new[] { (AccountId(), "a 12-digit account id"), (ArnLiteral(), "an ARN literal"), (ResourceId(), "a subnet, security group or VPC id") })
            {
                var match = pattern.Match(text.Text);
                if (match.Success)
                {
                    findings.Add($"{text.File}: {text.Path} holds {what} ({match.Value}); put it in the roots' per-environment values");
                }
            }
        }

        return findings;
    }

    // ---- Secrets --------------------------------------------------------------------------------

    [GeneratedRegex(@"(?i)(password|passwd|secret|token|private_key|api_key|access_key|connection_string)$")]
    private static partial Regex SecretAttribute();

    [GeneratedRegex(@"AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY|\bgh[pousr]_[A-Za-z0-9]{20,}|://[^/\s:@$]+:[^/\s@$]+@")]
    private static partial Regex SecretLooking();

    /// <summary>
    /// No secret value anywhere in infra/: SSM parameters hold the placeholder and ignore their value; no attribute
    /// named like a secret holds a literal; nothing looks like a key, token or password in a URL; no output reads a
    /// parameter's value, and no data source reads one into the state.
    /// </summary>
    public static IReadOnlyList<string> SecretValues(TerraformTree tree)
    {
        var findings = new List<string>();
        foreach (var folder in tree.Folders)
        {
            foreach (var parameter in tree.Blocks(folder, "resource").Where(r => r.Address.StartsWith("aws_ssm_parameter.", StringComparison.Ordinal)))
            {
                if (parameter.Has("value") && parameter.StringOf("value") != SsmPlaceholder)
                {
                    findings.Add($"{parameter.File}: {parameter.Address}.value is not the placeholder \"{SsmPlaceholder}\"; set the real value out of band");
                }

                foreach (var attribute in new[] { "insecure_value", "value_wo" }.Where(parameter.Has))
                {
                    findings.Add($"{parameter.File}: {parameter.Address} sets {attribute}; the value is set out of band");
                }

                var ignored = parameter.Body.TryGetProperty("lifecycle", out var lifecycle)
                    && lifecycle.EnumerateArray().Any(l => l.TryGetProperty("ignore_changes", out var ic)
                        && ic.ValueKind == JsonValueKind.Array && ic.EnumerateArray().Any(x => x.GetString() is "${value}" or "value"));
                if (!ignored)
                {
                    findings.Add($"{parameter.File}: {parameter.Address} does not ignore changes to its value (lifecycle {{ ignore_changes = [value] }}), so apply would overwrite the real one");
                }
            }

            foreach (var data in tree.Blocks(folder, "data").Where(d => d.Address.StartsWith("aws_ssm_parameter", StringComparison.Ordinal)))
            {
                findings.Add($"{data.File}: data.{data.Address} would copy a secret into the state; refer to the parameter by ARN");
            }

            foreach (var output in tree.Blocks(folder, "output"))
            {
                if (output.Body.TryGetProperty("sensitive", out var sensitive) && sensitive.ValueKind == JsonValueKind.True)
                {
                    findings.Add($"{output.File}: output \"{output.Address}\" is sensitive; no output may carry a secret");
                }

                if (Regex.IsMatch(output.StringOf("value") ?? output.Body.GetProperty("value").GetRawText(), @"aws_ssm_parameter\.[^}]*\.(value|insecure_value)\b"))
                {
                    findings.Add($"{output.File}: output \"{output.Address}\" reads an SSM parameter's value; output its ARN");
                }
            }

            foreach (var text in tree.Strings(folder))
            {
                var attribute = text.Path.EndsWith(" (key)", StringComparison.Ordinal) ? null : text.Path[(text.Path.LastIndexOf('.') + 1)..];
                if (attribute is not null && !attribute.Contains('[', StringComparison.Ordinal) && SecretAttribute().IsMatch(attribute)
                    && text.Text.Length > 0 && !text.Text.Contains("${", StringComparison.Ordinal))
                {
                    findings.Add($"{text.File}: {text.Path} holds a literal; a secret is set out of band and referred to by ARN");
                }

                var looking = SecretLooking().Match(text.Text);
                if (looking.Success)
                {
                    findings.Add($"{text.File}: {text.Path} holds something that looks like a secret ({looking.Value[..Math.Min(8, looking.Value.Length)]}...)");
                }
            }
        }

        return findings;
    }

    // ---- Helpers --------------------------------------------------------------------------------

    private static bool References(TerraformBlock block, string address) =>
        TerraformTree.StringsIn(block.File, block.Address, block.Body).Any(s => Regex.IsMatch(s.Text, $@"(?<![\w.]){Regex.Escape(address)}\b"));

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string NormalizeFolder(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }
}
