using System.Text.Json.Nodes;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Models;

/// <summary>The model validator of test group 1 must be able to fail: each rule is shown to reject a bad document.</summary>
public sealed class ServiceModelValidatorTests
{
    [Fact]
    public void A_missing_required_member_is_reported()
    {
        var problems = ServiceModel.Ecs.ValidateInput("RegisterTaskDefinition", JsonNode.Parse("""{"family":"autopr"}"""));
        Assert.Contains(problems, p => p.Contains("required member 'containerDefinitions'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_member_name_is_reported()
    {
        var problems = ServiceModel.Ecs.ValidateInput("DescribeServices", JsonNode.Parse("""{"services":["a"],"cluser":"x"}"""));
        Assert.Contains(problems, p => p.Contains("'cluser' is not a member", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_type_is_reported()
    {
        var problems = ServiceModel.Ecs.ValidateInput("UpdateService", JsonNode.Parse("""{"service":"a","desiredCount":"2"}"""));
        Assert.Contains(problems, p => p.Contains("$.desiredCount: expected an integer", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_outside_the_enum_is_reported()
    {
        var problems = ServiceModel.Ecs.ValidateInput("StopServiceDeployment", JsonNode.Parse("""{"serviceDeploymentArn":"a","stopType":"UNDO"}"""));
        Assert.Contains(problems, p => p.Contains("'UNDO' is not one of", StringComparison.Ordinal));
    }

    [Fact]
    public void Nested_lists_and_structures_are_checked()
    {
        var problems = ServiceModel.CloudWatch.ValidateInput("GetMetricData", JsonNode.Parse("""{"MetricDataQueries":[{"MetricStat":{}}],"StartTime":1,"EndTime":"late"}"""));
        Assert.Contains(problems, p => p.Contains("$.MetricDataQueries[0]: required member 'Id'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("$.MetricDataQueries[0].MetricStat: required member 'Metric'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("$.EndTime: expected a timestamp", StringComparison.Ordinal));
    }
}
