using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoPR.Deployment;

/// <summary>
/// The IAM policy of the role that deploys: exactly the actions the clients call (from their operation lists,
/// so it cannot drift), plus the few that are not API calls of ours but that a deployment needs. SSM is read
/// only: ssm:PutParameter and ssm:DeleteParameter (<see cref="Ssm.SsmOperations.ParameterWrites"/>) are for
/// the local stack and operators, and are deliberately left out of the role CI deploys with.
/// </summary>
public static class DeployRolePolicy
{
    /// <summary>Actions the toolkit needs that no client of ours calls, each with the reason.</summary>
    public static IReadOnlyDictionary<string, string> ExtraActions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ecr:BatchCheckLayerAvailability"] = "docker push asks ECR which layers it already has",
        ["ecr:InitiateLayerUpload"] = "docker push uploads layers",
        ["ecr:UploadLayerPart"] = "docker push uploads layers",
        ["ecr:CompleteLayerUpload"] = "docker push uploads layers",
        ["iam:PassRole"] = "RegisterTaskDefinition hands the task and execution roles to ECS",
        ["rds:AddTagsToResource"] = "CreateDBSnapshot with tags: RDS authorizes tagging on create as this action too",
    };

    /// <summary>Every action the policy allows, sorted.</summary>
    public static IReadOnlyList<string> Actions() =>
        [.. AwsClients.AllOperations.Select(o => o.IamAction).Concat(ExtraActions.Keys).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>
    /// The Terraform state objects environment files refer to (s3://BUCKET/autopr/ENV/terraform.tfstate, as the roots
    /// under infra/environments/ keep them): read only, and no other object, since a state may hold secrets.
    /// </summary>
    public const string TerraformStateObjects = "arn:aws:s3:::*/autopr/*/terraform.tfstate";

    public static JsonObject Document() => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(
            new JsonObject
            {
                ["Sid"] = "AutoPRDeploy",
                ["Effect"] = "Allow",
                ["Action"] = new JsonArray([.. Actions().Where(a => a is not "iam:PassRole" and not "s3:GetObject").Select(a => (JsonNode)a)]),
                ["Resource"] = "*",
            },
            new JsonObject
            {
                ["Sid"] = "ReadTerraformState",
                ["Effect"] = "Allow",
                ["Action"] = "s3:GetObject",
                ["Resource"] = TerraformStateObjects,
            },
            new JsonObject
            {
                ["Sid"] = "PassTaskRolesToEcs",
                ["Effect"] = "Allow",
                ["Action"] = "iam:PassRole",
                ["Resource"] = "*",
                ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["iam:PassedToService"] = "ecs-tasks.amazonaws.com" } },
            }),
    };

    public static string Text() => Document().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
}
