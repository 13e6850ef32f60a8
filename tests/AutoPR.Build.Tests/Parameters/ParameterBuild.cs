namespace AutoPR.Build.Tests.Parameters;

public enum Stage
{
    Development,
    Staging,
    Production,
}

/// <summary>One parameter of every supported kind.</summary>
internal sealed class ParameterBuild : NukeBuild
{
    [Parameter("Service name")]
    public string? ServiceName { get; set; }

    [Parameter("Plan without changing anything")]
    public bool DryRun { get; set; }

    [Parameter("Attempts")]
    public int Retries { get; set; } = 3;

    [Parameter("Degree of parallelism")]
    public int? Parallelism { get; set; }

    [Parameter("Target environment")]
    public Stage Stage { get; set; }

    [Parameter("Image tags")]
    public string[] Tags { get; set; } = [];

    [Parameter("Ports to open")]
    public int[] Ports { get; set; } = [];

    [Parameter("How long to wait")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    [Parameter("Output folder")]
    public AbsolutePath? Output { get; set; }

    // A field, set only by the resolver through reflection.
#pragma warning disable CS0649
    [Parameter("AWS region", AllowedValuesFrom = nameof(Regions))]
    public string? Region;
#pragma warning restore CS0649

    [Parameter("API token")]
    [Secret]
    public string? ApiToken { get; set; }

    [Parameter("Unlock code")]
    [Secret]
    public int? Pin { get; set; }

    private static IEnumerable<string> Regions => ["eu-west-1", "us-east-1"];
}
