using AutoPR.Build;
using AutoPR.Deployment.Environments;

namespace AutoPR.BuildDefinition;

/// <summary>Promote: build once, deploy many; the image another environment verified is copied by digest.</summary>
internal sealed partial class Build
{
    [Parameter("Promote: the environment whose verified image is copied to --environment", AllowedValuesFrom = nameof(EnvironmentNames))]
    public string? From { get; set; }

    [Parameter("Promote: copy the image even when it was not verified in the source environment")]
    public bool Force { get; set; }

    bool IsPromotion => From is not null;

    Target Promote => _ => _
        .Description("Copies the image verified in --from to --environment's repository by digest (BatchGetImage + PutImage: no pull, no push).")
        .Requires(() => Environment)
        .Requires(() => EnvironmentFile)
        .Requires(() => From)
        .Executes(async ct =>
        {
            var deployments = await DeploymentsAsync(ct);
            var outcome = await deployments.PromoteAsync(await LoadEnvironmentAsync(From!, ct), Force, ct);
            await RecordPushAsync(outcome, ct);
        });
}
