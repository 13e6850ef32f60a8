using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Environments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Deployment.Infrastructure;

/// <summary>
/// Reads the Terraform outputs an environment file refers to, from where its terraform section says: the state
/// object in S3 (GetObject with the environment's own credentials and endpoints, read-only) or `terraform output
/// -json` in a root. What cannot be read is one <see cref="EnvironmentConfigurationException"/> line naming it.
/// </summary>
public sealed class TerraformOutputReader(AwsClientsOptions? aws = null, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>The outputs for <paramref name="header"/>'s references.</summary>
    public async Task<TerraformOutputs> ReadAsync(EnvironmentHeader header, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        var file = Path.GetFileName(header.FilePath);
        var terraform = header.Terraform
            ?? throw new EnvironmentConfigurationException($"{file}: $.terraform: missing, and the file refers to Terraform outputs; fix: add \"terraform\": {{ \"state\": \"s3://BUCKET/KEY\" }}.");
        if (terraform.StateObject is { } state)
        {
            using var clients = await AwsClients.CreateAsync(header.Aws, (aws ?? new AwsClientsOptions()) with { ReadOnly = true }, cancellationToken).ConfigureAwait(false);
            string text;
            try
            {
                text = await clients.S3.GetObjectTextAsync(state, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException failed)
            {
                throw new EnvironmentConfigurationException($"{file}: $.terraform.state: cannot read {state}: {failed.ErrorCode}: {failed.Message}; fix: {Fix(failed.ErrorCode, header.Name)}.", failed);
            }

            _logger.LogInformation("Terraform outputs of {Environment} read from {State}", header.Name, state);
            return Parse(text, state.ToString(), file);
        }

        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(header.FilePath)!, terraform.Root!));
        if (!Directory.Exists(root))
        {
            throw new EnvironmentConfigurationException($"{file}: $.terraform.root: {root} is not a directory; fix: point it at the environment's Terraform root, relative to the file.");
        }

        try
        {
            var outputs = await Terraform.Find(_logger).OutputsAsync(root, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Terraform outputs of {Environment} read with terraform output in {Root}", header.Name, root);
            return outputs;
        }
        catch (TerraformException failed)
        {
            throw new EnvironmentConfigurationException($"{file}: $.terraform.root: {failed.Message}; fix: run terraform init there (and InfraApply), or refer to the state in S3 with $.terraform.state.", failed);
        }
    }

    private static TerraformOutputs Parse(string text, string source, string file)
    {
        try
        {
            return TerraformOutputs.Parse(text, source);
        }
        catch (TerraformException unreadable)
        {
            throw new EnvironmentConfigurationException($"{file}: $.terraform.state: {unreadable.Message}; fix: point it at the root's state object (its backend bucket and key).", unreadable);
        }
    }

    private static string Fix(string code, string environment) => code switch
    {
        "NoSuchKey" => $"apply the environment's Terraform first (./build.sh InfraPlan InfraApply --environment {environment}), or correct the key to the root's backend key",
        "NoSuchBucket" => "correct the bucket to the root's backend bucket (README: bootstrap the state bucket)",
        "AccessDenied" or "Forbidden" or "HttpStatus403" => "allow s3:GetObject on it to these credentials (the deploy role's ReadTerraformState statement)",
        _ => "check the credentials and the bucket's region, then run again",
    };
}
