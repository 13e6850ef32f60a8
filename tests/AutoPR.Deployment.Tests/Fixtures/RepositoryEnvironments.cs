using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Infrastructure;

namespace AutoPR.Deployment.Tests.Fixtures;

/// <summary>
/// The repository's environment files, loaded with example Terraform outputs (Fixtures/TerraformOutputs/NAME.json,
/// in `terraform output -json` form) where a file refers to them: the IDs the files carried before they referred to
/// Terraform, so tests read the same values as a real state would give.
/// </summary>
public static class RepositoryEnvironments
{
    /// <summary>The example outputs' folder.</summary>
    public static string OutputsDirectory => Path.Combine(RepositoryPaths.Root, "tests", "AutoPR.Deployment.Tests", "Fixtures", "TerraformOutputs");

    /// <summary>The example outputs for environment <paramref name="name"/>, or null when it has none (the local ones).</summary>
    public static TerraformOutputs? Outputs(string name)
    {
        var file = Path.Combine(OutputsDirectory, name + ".json");
        return File.Exists(file) ? TerraformOutputs.Parse(File.ReadAllText(file), $"example outputs {name}.json") : null;
    }

    /// <summary>Environment <paramref name="name"/> from deploy/environments.</summary>
    public static DeploymentEnvironment Load(string name) => Load(RepositoryPaths.Environments, name);

    /// <summary>Environment <paramref name="name"/> from <paramref name="directory"/> (a copy of deploy/environments).</summary>
    public static DeploymentEnvironment Load(string directory, string name) => EnvironmentLoader.Load(directory, name, Outputs(name));
}
