using System.Text.Json.Nodes;
using AutoPR.Deployment.Diff;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Tests.Fixtures;
using AutoPR.Deployment.Tests.Rollout.Fakes;

namespace AutoPR.Deployment.Tests.Diff;

public sealed class DefinitionDiffTests
{
    [Fact]
    public void The_realistic_responses_match_the_official_model()
    {
        Assert.Empty(ServiceModel.Ecs.ValidateOutput("DescribeTaskDefinition", RealisticResponses.DescribeTaskDefinition(DeploymentTestBed.DigestA, DeploymentTestBed.GitSha)));
        Assert.Empty(ServiceModel.Ecs.ValidateOutput("DescribeServices", RealisticResponses.DescribeServices()));
    }

    [Fact]
    public void A_registered_revision_of_the_rendered_definition_shows_no_difference()
    {
        using var bed = new DeploymentTestBed();
        var rendered = bed.Render(DeploymentTestBed.DigestA);
        var running = EcsTaskDefinitionView.FromResponse(RealisticResponses.DescribeTaskDefinition(DeploymentTestBed.DigestA, DeploymentTestBed.GitSha));

        var diff = DefinitionComparer.CompareTaskDefinition(rendered.TaskDefinition, running);

        Assert.False(diff.HasChanges, diff.ToString());
        Assert.True(DefinitionComparer.SameTaskDefinition(rendered.TaskDefinition, running.Json));
        Assert.Empty(diff.Lines);
        Assert.Equal("task definition autopr-production: no changes", diff.ToString());
    }

    [Fact]
    public void The_running_service_shows_no_difference_from_its_rendered_definition()
    {
        using var bed = new DeploymentTestBed();
        var rendered = bed.Render(DeploymentTestBed.DigestA);
        var service = new EcsServiceView(RealisticResponses.DescribeServices()["services"]![0]!.AsObject());

        var diff = DefinitionComparer.CompareService(rendered.ServiceDefinition, service);

        Assert.False(diff.HasChanges, diff.ToString());
        Assert.Equal("service autopr: no changes", diff.ToString());
    }

    [Fact]
    public void A_new_image_is_the_only_difference_and_prints_as_a_compact_unified_diff()
    {
        using var bed = new DeploymentTestBed();
        var rendered = bed.Render(DeploymentTestBed.DigestB, "fedcba9876543210fedcba9876543210fedcba98");
        var running = EcsTaskDefinitionView.FromResponse(RealisticResponses.DescribeTaskDefinition(DeploymentTestBed.DigestA, DeploymentTestBed.GitSha));

        var diff = DefinitionComparer.CompareTaskDefinition(rendered.TaskDefinition, running);
        var removed = diff.Lines.Where(l => l.StartsWith('-') && !l.StartsWith("---", StringComparison.Ordinal)).ToList();
        var added = diff.Lines.Where(l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal)).ToList();

        Assert.True(diff.HasChanges);
        Assert.Equal("--- running autopr-production:42", diff.Lines[0]);
        Assert.Equal("+++ rendered", diff.Lines[1]);
        Assert.Contains(diff.Lines, l => l.StartsWith("@@ ", StringComparison.Ordinal));
        Assert.Equal(3, removed.Count);
        Assert.Equal(3, added.Count);
        Assert.Contains(removed, l => l.Contains(DeploymentTestBed.DigestA, StringComparison.Ordinal));
        Assert.Contains(added, l => l.Contains(DeploymentTestBed.DigestB, StringComparison.Ordinal));
        Assert.Contains(added, l => l.Contains("\"value\": \"fedcba9876543210fedcba9876543210fedcba98\"", StringComparison.Ordinal));
        Assert.Contains(added, l => l.Contains("\"value\": \"main-fedcba9\"", StringComparison.Ordinal));
        Assert.StartsWith("task definition autopr-production: changes\n--- running", diff.ToString(), StringComparison.Ordinal);
        Assert.True(diff.Lines.Count < 40, "the diff should show the changes with a little context, not the whole document");
    }

    [Fact]
    public void Removing_a_member_from_the_template_is_a_difference()
    {
        using var bed = new DeploymentTestBed();
        var rendered = bed.Render(DeploymentTestBed.DigestA);
        rendered.TaskDefinition["containerDefinitions"]![0]!.AsObject().Remove("healthCheck");
        var running = EcsTaskDefinitionView.FromResponse(RealisticResponses.DescribeTaskDefinition(DeploymentTestBed.DigestA, DeploymentTestBed.GitSha));

        var diff = DefinitionComparer.CompareTaskDefinition(rendered.TaskDefinition, running);

        Assert.True(diff.HasChanges);
        Assert.Contains(diff.Lines, l => l.StartsWith('-') && l.Contains("\"healthCheck\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("essential", "false")]
    [InlineData("cpu", "256")]
    [InlineData("stopTimeout", "60")]
    public void Non_default_values_that_look_like_defaults_are_differences(string member, string value)
    {
        using var bed = new DeploymentTestBed();
        var rendered = bed.Render(DeploymentTestBed.DigestA);
        rendered.TaskDefinition["containerDefinitions"]![0]![member] = JsonNode.Parse(value);
        var running = EcsTaskDefinitionView.FromResponse(RealisticResponses.DescribeTaskDefinition(DeploymentTestBed.DigestA, DeploymentTestBed.GitSha));

        Assert.True(DefinitionComparer.CompareTaskDefinition(rendered.TaskDefinition, running).HasChanges);
    }

    [Fact]
    public void Service_changes_show_only_what_the_definition_sets_and_ignore_orderings()
    {
        using var bed = new DeploymentTestBed(change: e => e with { DesiredCount = 5 });
        var rendered = bed.Render(DeploymentTestBed.DigestA);
        var service = new EcsServiceView(RealisticResponses.DescribeServices()["services"]![0]!.AsObject());

        var diff = DefinitionComparer.CompareService(rendered.ServiceDefinition, service);

        Assert.True(diff.HasChanges);
        Assert.Equal(["-  \"desiredCount\": 3,", "+  \"desiredCount\": 5,"], diff.Lines.Where(l => l.Length > 0 && l[0] is '-' or '+' && !l.StartsWith("---", StringComparison.Ordinal) && !l.StartsWith("+++", StringComparison.Ordinal)));
    }

    [Fact]
    public void Deployment_alarms_compare_as_a_set_and_a_changed_alarm_shows_in_the_diff()
    {
        // The realistic answer lists production's two alarms in the other order: not a change.
        using var same = new DeploymentTestBed();
        var service = new EcsServiceView(RealisticResponses.DescribeServices()["services"]![0]!.AsObject());
        Assert.False(DefinitionComparer.CompareService(same.Render(DeploymentTestBed.DigestA).ServiceDefinition, service).HasChanges);

        using var changed = new DeploymentTestBed(change: e => e with
        {
            Deployment = e.Deployment with { Alarms = e.Deployment.Alarms! with { AlarmNames = ["autopr-production-5xx-rate"], Rollback = false } },
        });
        var diff = DefinitionComparer.CompareService(changed.Render(DeploymentTestBed.DigestA).ServiceDefinition, service);

        Assert.True(diff.HasChanges);
        var changes = diff.Lines.Where(l => l.Length > 0 && l[0] is '-' or '+' && !l.StartsWith("---", StringComparison.Ordinal) && !l.StartsWith("+++", StringComparison.Ordinal)).ToList();
        Assert.Contains(changes, l => l.StartsWith('-') && l.Contains("autopr-production-p99-latency", StringComparison.Ordinal));
        Assert.Contains(changes, l => l.StartsWith('-') && l.Contains("\"rollback\": true", StringComparison.Ordinal));
        Assert.DoesNotContain(changes, l => l.StartsWith('+') && l.Contains("autopr-production-p99-latency", StringComparison.Ordinal));
    }

    [Fact]
    public void Alarms_turned_off_compare_equal_to_none()
    {
        using var off = new DeploymentTestBed(change: e => e with { Deployment = e.Deployment with { Alarms = new DeploymentAlarmSettings { AlarmNames = [], Enable = false, Rollback = false } } });
        var described = RealisticResponses.DescribeServices()["services"]![0]!.AsObject();
        described["deploymentConfiguration"]!.AsObject().Remove("alarms");

        var diff = DefinitionComparer.CompareService(off.Render(DeploymentTestBed.DigestA).ServiceDefinition, new EcsServiceView(described));

        Assert.False(diff.HasChanges, diff.ToString());
    }

    [Fact]
    public void A_service_that_does_not_exist_yet_is_all_new()
    {
        using var bed = new DeploymentTestBed();
        var rendered = bed.Render(DeploymentTestBed.DigestA);

        var diff = DefinitionComparer.CompareService(rendered.ServiceDefinition, null);

        Assert.True(diff.IsNew);
        Assert.Equal("--- (nothing)", diff.Lines[0]);
        Assert.StartsWith("service autopr: new\n", diff.ToString(), StringComparison.Ordinal);
        Assert.All(diff.Lines.Skip(3), l => Assert.StartsWith("+", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Canonical_json_drops_empties_and_reads_integral_numbers_alike()
    {
        var a = CanonicalJson.Canonicalize(JsonNode.Parse("""{ "b": [1.0, {}], "a": { "x": null, "y": [] }, "c": "" }"""));
        var b = CanonicalJson.Canonicalize(JsonNode.Parse("""{ "c": "", "b": [1, {}] }"""));

        Assert.Equal(CanonicalJson.ToText(b), CanonicalJson.ToText(a));
        Assert.Equal("{\n  \"b\": [\n    1,\n    {}\n  ],\n  \"c\": \"\"\n}", CanonicalJson.ToText(a));
    }
}
