using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Templates;
using AutoPR.EndToEnd.Tests.Support;

using AutoPR.Images;

namespace AutoPR.EndToEnd.Tests.Templates;

/// <summary>The hook the end-to-end tests make bad releases with: ReleaseInfo.ExtraEnvironment (DeployEcs --container-env).</summary>
public sealed class ExtraEnvironmentTests
{
    private static readonly DeploymentTemplates Templates = DeploymentTemplates.Load(DeploymentTemplates.DefaultDirectory(RepositoryRoot.Path));

    private static readonly DeploymentEnvironment Local = EnvironmentLoader.Load(RepositoryRoot.Combine("deploy", "environments"), "local") with
    {
        EnvironmentVariables = new Dictionary<string, string> { ["FEATURE"] = "from-file", ["KEPT"] = "kept" },
    };

    [Fact]
    public void Extra_variables_are_rendered_over_the_environment_files_and_the_deployments_own_stay()
    {
        var release = Release(new Dictionary<string, string> { ["AUTOPR_FAULT_LATENCY_MS"] = "3000", ["FEATURE"] = "from-release" });

        var variables = Variables(Templates.Render(Local, release));

        Assert.Equal("3000", variables["AUTOPR_FAULT_LATENCY_MS"]);
        Assert.Equal("from-release", variables["FEATURE"]);
        Assert.Equal("kept", variables["KEPT"]);
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", variables["AUTOPR_REVISION"]);
        Assert.Equal("local", variables["ENVIRONMENT"]);
    }

    [Fact]
    public void Without_extras_the_rendering_is_what_it_was()
    {
        var plain = Templates.Render(Local, Release(new Dictionary<string, string>()));
        var none = Templates.Render(Local, Release(null));

        Assert.Equal(plain.TaskDefinition.ToJsonString(), none.TaskDefinition.ToJsonString());
        Assert.DoesNotContain("AUTOPR_FAULT", plain.TaskDefinition.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_variable_the_deployment_sets_cannot_be_an_extra()
    {
        var error = Assert.Throws<TemplateRenderException>(() => Templates.Render(Local, Release(new Dictionary<string, string> { ["AUTOPR_REVISION"] = "forged" })));

        Assert.Contains("AUTOPR_REVISION is set by the deployment itself", error.Message, StringComparison.Ordinal);
    }

    private static ReleaseInfo Release(IReadOnlyDictionary<string, string>? extra)
    {
        var release = new ReleaseInfo
        {
            Image = ImageReference.Parse("127.0.0.1:5000/autopr@sha256:" + new string('a', 64)),
            GitSha = "0123456789abcdef0123456789abcdef01234567",
            Version = "1.0.0",
            ImageTag = "e2e",
        };
        return extra is null ? release : release with { ExtraEnvironment = extra };
    }

    private static Dictionary<string, string> Variables(RenderedDeployment rendered) =>
        rendered.TaskDefinition["containerDefinitions"]![0]!["environment"]!.AsArray()
            .ToDictionary(v => v!["name"]!.GetValue<string>(), v => v!["value"]!.GetValue<string>());
}
