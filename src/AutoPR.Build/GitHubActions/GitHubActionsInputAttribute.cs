namespace AutoPR.Build;

/// <summary>An input of a workflow's manual start (workflow_dispatch): a string, or a choice when <see cref="Options"/> are given.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GitHubActionsInputAttribute(string workflow, string name) : Attribute
{
    /// <summary>The id of the <see cref="GitHubActionsWorkflowAttribute"/> this input belongs to.</summary>
    public string Workflow { get; } = workflow;

    /// <summary>Read in expressions as <c>inputs.&lt;name&gt;</c>.</summary>
    public string Name { get; } = name;

    public string? Description { get; set; }

    public bool Required { get; set; }

    public string? Default { get; set; }

    /// <summary>The values offered; makes the input a choice.</summary>
    public string[] Options { get; set; } = [];
}
