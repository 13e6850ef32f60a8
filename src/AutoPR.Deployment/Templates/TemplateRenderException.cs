namespace AutoPR.Deployment.Templates;

/// <summary>A template could not be rendered: one line naming the template, the JSON path, the problem and the fix.</summary>
public class TemplateRenderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TemplateRenderException()
    {
    }

    /// <summary>Creates the exception with its one-line message.</summary>
    public TemplateRenderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and the cause.</summary>
    public TemplateRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the message "TEMPLATE: PATH: PROBLEM; fix: FIX".</summary>
    public TemplateRenderException(string template, string path, string problem, string fix)
        : this(template, path, problem, fix, null)
    {
    }

    /// <summary>Creates the message "TEMPLATE: PATH: PROBLEM; fix: FIX" with the cause.</summary>
    public TemplateRenderException(string template, string path, string problem, string fix, Exception? innerException)
        : base($"{template}: {path}: {problem}; fix: {fix}", innerException)
    {
        Template = template;
        JsonPath = path;
    }

    /// <summary>The template's name (its file path as shown to people).</summary>
    public string? Template { get; }

    /// <summary>Where in the template ("$.containerDefinitions[0].image").</summary>
    public string? JsonPath { get; }
}
