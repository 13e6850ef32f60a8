using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AutoPR.Infra.Tests.Support;

internal static partial class InfraChecks
{
    public static readonly string[] Environments = ["dev", "staging", "production"];

    /// <summary>
    /// One root per environment, each with pinned terraform and AWS provider versions and its state in S3 locked by
    /// S3 itself (use_lockfile, no DynamoDB table); production's tasks in at least two subnets.
    /// </summary>
    public static IReadOnlyList<string> RootSettingsProblems(TerraformTree tree)
    {
        var findings = new List<string>();
        var roots = tree.Roots.ToList();
        foreach (var missing in Environments.Where(e => !roots.Contains($"{TerraformTree.EnvironmentsFolder}/{e}")))
        {
            findings.Add($"{TerraformTree.EnvironmentsFolder}/{missing}: the environment has no root");
        }

        foreach (var root in roots)
        {
            var settings = tree.Blocks(root, "terraform").ToList();
            if (!settings.Any(t => t.StringOf("required_version") is { Length: > 0 }))
            {
                findings.Add($"{root}: no required_version");
            }

            if (!settings.Any(t => AwsProviderConstraint(t) is { } v && Regex.IsMatch(v, @"^~> 6\.\d+(\.\d+)?$")))
            {
                findings.Add($"{root}: required_providers does not pin hashicorp/aws to a 6.x constraint (~> 6.N)");
            }

            var backends = settings.Where(t => t.Has("backend")).SelectMany(t => t.Body.GetProperty("backend").EnumerateObject()).ToList();
            if (backends is not [{ Name: "s3" } s3])
            {
                findings.Add($"{root}: expected exactly one backend, \"s3\"");
                continue;
            }

            var backend = s3.Value.EnumerateArray().Single();
            foreach (var required in new[] { "bucket", "key", "region" })
            {
                if (!backend.TryGetProperty(required, out var value) || value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
                {
                    findings.Add($"{root}: the s3 backend has no {required}");
                }
            }

            if (!backend.TryGetProperty("use_lockfile", out var lockfile) || lockfile.ValueKind != JsonValueKind.True)
            {
                findings.Add($"{root}: the s3 backend does not lock the state (use_lockfile = true)");
            }

            if (backend.TryGetProperty("dynamodb_table", out _))
            {
                findings.Add($"{root}: the s3 backend names a DynamoDB table; S3-native locking (use_lockfile) replaces it");
            }
        }

        var production = LocalModuleCalls(tree).Where(c => c.Folder == $"{TerraformTree.EnvironmentsFolder}/production").Select(c => c.Call).ToList();
        foreach (var call in production)
        {
            if (!call.Body.TryGetProperty("service_subnet_ids", out var subnets) || subnets.ValueKind != JsonValueKind.Array || subnets.GetArrayLength() < 2)
            {
                findings.Add($"{call.File}: production's service_subnet_ids must list at least two subnets (two availability zones)");
            }
        }

        return findings;
    }

    /// <summary>
    /// The ECS service goes through terraform-aws-modules/ecs/aws//modules/service at ~> 6.N with N &gt;= 9 (native
    /// blue/green, canary and linear), leaves the task definition to the toolkit and watches the deployment alarms.
    /// </summary>
    public static IReadOnlyList<string> ServiceModuleProblems(TerraformTree tree)
    {
        var calls = tree.Blocks(TerraformTree.Module, "module").Where(c => c.StringOf("source") == "terraform-aws-modules/ecs/aws//modules/service").ToList();
        if (calls is not [var service])
        {
            return [$"{TerraformTree.Module}: expected one call of terraform-aws-modules/ecs/aws//modules/service, found {calls.Count}"];
        }

        var findings = new List<string>();
        var version = Regex.Match(service.StringOf("version") ?? string.Empty, @"^~> 6\.(\d+)(\.\d+)?$");
        if (!version.Success || int.Parse(version.Groups[1].Value, CultureInfo.InvariantCulture) < 9)
        {
            findings.Add($"{service.File}: the service module's version is {service.StringOf("version") ?? "unpinned"}; pin ~> 6.N with N >= 9 (native blue/green, canary and linear)");
        }

        if (!service.Body.TryGetProperty("ignore_task_definition_changes", out var ignore) || ignore.ValueKind != JsonValueKind.True)
        {
            findings.Add($"{service.File}: the service module must set ignore_task_definition_changes = true (the toolkit owns the revisions)");
        }

        var alarms = service.Body.TryGetProperty("alarms", out var a) ? a.GetRawText() : string.Empty;
        foreach (var alarm in tree.Blocks(TerraformTree.Module, "resource").Where(r => r.Address.StartsWith("aws_cloudwatch_metric_alarm.", StringComparison.Ordinal)))
        {
            if (!alarms.Contains(alarm.Address + ".alarm_name", StringComparison.Ordinal))
            {
                findings.Add($"{service.File}: the service's deployment alarms leave out {alarm.Address}");
            }
        }

        return findings;
    }

    private static string? AwsProviderConstraint(TerraformBlock terraform) =>
        terraform.Body.TryGetProperty("required_providers", out var providers)
            ? providers.EnumerateArray()
                .Select(p => p.TryGetProperty("aws", out var aws) && aws.TryGetProperty("version", out var v) ? v.GetString() : null)
                .FirstOrDefault(v => v is not null)
            : null;
}
