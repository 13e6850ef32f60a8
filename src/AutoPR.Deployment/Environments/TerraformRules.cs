namespace AutoPR.Deployment.Environments;

/// <summary>A file that refers to Terraform outputs must say where they are: exactly one of a state object or a root.</summary>
internal static class TerraformRules
{
    public static IEnumerable<string> Check(TerraformSettings? terraform, TerraformReferences.Use first)
    {
        var example = $"${{tf.{first.Output}}} at {first.Path}";
        if (terraform is null)
        {
            yield return $"$.terraform: missing, and the file refers to Terraform outputs ({example}); fix: add \"terraform\": {{ \"state\": \"s3://BUCKET/KEY\" }} with the root's backend bucket and key, or {{ \"root\": \"PATH\" }} for `terraform output -json` there";
        }
        else if ((terraform.State is null) == (terraform.Root is null))
        {
            yield return "$.terraform: give exactly one of state (s3://BUCKET/KEY) and root (a Terraform root directory); fix: keep the one the outputs should come from";
        }
        else if (terraform.State is not null && terraform.StateObject is null)
        {
            yield return $"$.terraform.state: \"{terraform.State}\" is not s3://BUCKET/KEY; fix: write the backend's bucket and key, e.g. s3://autopr-terraform-state-123456789012/autopr/dev/terraform.tfstate";
        }
    }
}
