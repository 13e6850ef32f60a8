using System.Text.Json;
using System.Text.Json.Nodes;
using AutoPR.Deployment.Environments;

namespace AutoPR.Deployment.Templates;

/// <summary>
/// deploy/task-definition.json and deploy/service-definition.json: JSON documents with <c>{{ name }}</c>
/// placeholders (see <see cref="TemplateRenderer"/> and <see cref="TemplateValues"/>), rendered per environment.
/// </summary>
public sealed class DeploymentTemplates
{
    /// <summary>The task-definition template's file name.</summary>
    public const string TaskDefinitionFileName = "task-definition.json";

    /// <summary>The service-definition template's file name.</summary>
    public const string ServiceDefinitionFileName = "service-definition.json";

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private DeploymentTemplates(string taskDefinitionName, JsonObject taskDefinition, string serviceDefinitionName, JsonObject serviceDefinition)
    {
        TaskDefinitionName = taskDefinitionName;
        TaskDefinition = taskDefinition;
        ServiceDefinitionName = serviceDefinitionName;
        ServiceDefinition = serviceDefinition;
    }

    /// <summary>The task-definition template's name in messages.</summary>
    public string TaskDefinitionName { get; }

    /// <summary>The task-definition template.</summary>
    public JsonObject TaskDefinition { get; }

    /// <summary>The service-definition template's name in messages.</summary>
    public string ServiceDefinitionName { get; }

    /// <summary>The service-definition template.</summary>
    public JsonObject ServiceDefinition { get; }

    /// <summary>The templates folder under a repository root (deploy/).</summary>
    public static string DefaultDirectory(string repositoryRoot) => Path.Combine(repositoryRoot, "deploy");

    /// <summary>Loads both templates from <paramref name="directory"/>; a missing or invalid file is one line naming it.</summary>
    public static DeploymentTemplates Load(string directory)
    {
        var taskPath = Path.Combine(directory, TaskDefinitionFileName);
        var servicePath = Path.Combine(directory, ServiceDefinitionFileName);
        return Parse(Display(taskPath), ReadFile(taskPath), Display(servicePath), ReadFile(servicePath));
    }

    /// <summary>Parses templates given as text (tests, or templates kept elsewhere).</summary>
    public static DeploymentTemplates Parse(string taskDefinitionName, string taskDefinitionJson, string serviceDefinitionName, string serviceDefinitionJson) =>
        new(taskDefinitionName, ParseObject(taskDefinitionName, taskDefinitionJson), serviceDefinitionName, ParseObject(serviceDefinitionName, serviceDefinitionJson));

    /// <summary>Renders both templates for <paramref name="environment"/> and <paramref name="release"/>.</summary>
    public RenderedDeployment Render(DeploymentEnvironment environment, ReleaseInfo release)
    {
        var values = TemplateValues.Create(environment, release);
        var taskDefinition = TemplateRenderer.Render(TaskDefinitionName, TaskDefinition, values);
        var serviceDefinition = TemplateRenderer.Render(ServiceDefinitionName, ServiceDefinition, values);
        RequireString(TaskDefinitionName, taskDefinition, "family");
        if (taskDefinition["containerDefinitions"] is not JsonArray { Count: > 0 })
        {
            throw new TemplateRenderException(TaskDefinitionName, "$.containerDefinitions", "missing or empty", "list the containers of the task (see ECS RegisterTaskDefinition)");
        }

        RequireString(ServiceDefinitionName, serviceDefinition, "serviceName");
        RequireString(ServiceDefinitionName, serviceDefinition, "cluster");
        if (serviceDefinition.ContainsKey("taskDefinition"))
        {
            throw new TemplateRenderException(ServiceDefinitionName, "$.taskDefinition", "set by the deployment (the registered revision's ARN)", "remove it from the template");
        }

        return new RenderedDeployment(environment, release, taskDefinition, serviceDefinition);
    }

    private static void RequireString(string template, JsonObject document, string member)
    {
        if (document[member] is not JsonValue value || !value.TryGetValue<string>(out var text) || text.Length == 0)
        {
            throw new TemplateRenderException(template, "$." + member, "missing or not a string", $"set \"{member}\" (for example \"{{{{ {(member == "serviceName" ? "service" : member)} }}}}\")");
        }
    }

    private static string ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new TemplateRenderException($"{Display(path)}: file not found; fix: restore it from the repository (deploy/{Path.GetFileName(path)}) or pass the folder that holds the templates.");
        }

        return File.ReadAllText(path);
    }

    private static JsonObject ParseObject(string name, string json)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: DocumentOptions) as JsonObject
                ?? throw new TemplateRenderException(name, "$", "not a JSON object", "make the template one JSON object");
        }
        catch (JsonException ex)
        {
            throw new TemplateRenderException(name, $"line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}", "invalid JSON", "correct the syntax there", ex);
        }
    }

    private static string Display(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) ? full : relative;
    }
}
