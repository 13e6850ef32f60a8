using AutoPR.Build;
using AutoPR.Deployment;

namespace AutoPR.BuildDefinition;

internal sealed partial class Build
{
    static AbsolutePath IamPolicyFile => RootDirectory / "deploy" / "iam" / "deploy-role-policy.json";

    Target GenerateIamPolicy => _ => _
        .Description("Writes deploy/iam/deploy-role-policy.json: exactly the IAM actions the deployment library calls.")
        .Executes(async ct =>
        {
            Directory.CreateDirectory(IamPolicyFile.Parent);
            await File.WriteAllTextAsync(IamPolicyFile, DeployRolePolicy.Text(), ct);
            Serilog.Log.Information("Wrote {File} ({Count} actions)", IamPolicyFile.RelativeTo(RootDirectory), DeployRolePolicy.Actions().Count);
        });
}
