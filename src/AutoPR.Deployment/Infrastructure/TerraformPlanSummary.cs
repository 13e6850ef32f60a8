using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Infrastructure;

/// <summary>
/// What a saved Terraform plan would do, read from `terraform show -json PLAN` (its resource_changes and
/// output_changes): one line per resource change and the counts, as people read `terraform plan`.
/// </summary>
public sealed record TerraformPlanSummary(IReadOnlyList<TerraformResourceChange> Changes, IReadOnlyList<string> ChangedOutputs)
{
    /// <summary>Resources to create.</summary>
    public int Creates => Changes.Count(c => c.Action == TerraformAction.Create);

    /// <summary>Resources to update in place.</summary>
    public int Updates => Changes.Count(c => c.Action == TerraformAction.Update);

    /// <summary>Resources to destroy and create again.</summary>
    public int Replaces => Changes.Count(c => c.Action == TerraformAction.Replace);

    /// <summary>Resources to destroy.</summary>
    public int Deletes => Changes.Count(c => c.Action == TerraformAction.Delete);

    /// <summary>Nothing to change (outputs included).</summary>
    public bool IsEmpty => Changes.Count == 0 && ChangedOutputs.Count == 0;

    /// <summary>"Plan: 3 to add, 1 to change, 0 to replace, 0 to destroy."</summary>
    public string Headline => IsEmpty
        ? "No changes: the infrastructure matches the configuration."
        : string.Create(CultureInfo.InvariantCulture, $"Plan: {Creates} to add, {Updates} to change, {Replaces} to replace, {Deletes} to destroy") +
          (ChangedOutputs.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {ChangedOutputs.Count} output(s) change") : "") + ".";

    /// <summary>The headline, then one line per change ("+ module.environment.aws_ecr_repository.this").</summary>
    public string ToText()
    {
        var text = new StringBuilder(Headline);
        foreach (var change in Changes)
        {
            text.Append('\n').Append("  ").Append(change.Symbol).Append(' ').Append(change.Address);
        }

        return text.ToString();
    }

    /// <summary>The same as markdown, for a CI step summary.</summary>
    public string ToMarkdown(string environment)
    {
        var text = new StringBuilder().Append("### Terraform plan: ").Append(environment).Append("\n\n").Append(Headline).Append('\n');
        if (Changes.Count > 0)
        {
            text.Append("\n```diff\n");
            foreach (var change in Changes)
            {
                text.Append(change.Symbol == "~" ? "!" : change.Symbol[..1]).Append(' ').Append(change.Address).Append('\n');
            }

            text.Append("```\n");
        }

        return text.ToString();
    }

    /// <summary>Reads `terraform show -json` of a saved plan.</summary>
    public static TerraformPlanSummary Parse(string planJson)
    {
        var plan = JsonNode.Parse(planJson) ?? throw new FormatException("terraform show -json printed nothing");
        var changes = new List<TerraformResourceChange>();
        foreach (var resource in plan["resource_changes"]?.AsArray() ?? [])
        {
            var actions = resource?["change"]?["actions"]?.AsArray().Select(a => a!.GetValue<string>()).ToList() ?? [];
            var action = actions switch
            {
                ["create"] => TerraformAction.Create,
                ["update"] => TerraformAction.Update,
                ["delete"] => TerraformAction.Delete,
                ["delete", "create"] or ["create", "delete"] => TerraformAction.Replace,
                _ => (TerraformAction?)null,
            };
            if (action is { } known && resource?["address"]?.GetValue<string>() is { } address)
            {
                changes.Add(new TerraformResourceChange(address, known));
            }
        }

        var outputs = (plan["output_changes"] as JsonObject ?? [])
            .Where(o => o.Value?["actions"]?.AsArray().Select(a => a!.GetValue<string>()).SequenceEqual(["no-op"]) == false)
            .Select(o => o.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new TerraformPlanSummary(changes, outputs);
    }
}

/// <summary>What Terraform does to a resource.</summary>
public enum TerraformAction
{
    /// <summary>+ create.</summary>
    Create,

    /// <summary>~ update in place.</summary>
    Update,

    /// <summary>-/+ destroy, then create.</summary>
    Replace,

    /// <summary>- destroy.</summary>
    Delete,
}

/// <summary>One resource change of a plan.</summary>
public sealed record TerraformResourceChange(string Address, TerraformAction Action)
{
    /// <summary>The symbol `terraform plan` shows: +, ~, -/+ or -.</summary>
    public string Symbol => Action switch
    {
        TerraformAction.Create => "+",
        TerraformAction.Update => "~",
        TerraformAction.Replace => "-/+",
        _ => "-",
    };
}
