using AutoPR.Deployment.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Deployment.Tests.Infrastructure;

/// <summary>
/// The plan summary from `terraform show -json`, and the runner's sequence and failures against a stand-in terraform
/// script (the real binary cannot init here: no provider can be downloaded).
/// </summary>
public sealed class TerraformTests : IDisposable
{
    private const string PlanJson = """
        {"format_version":"1.2","terraform_version":"1.11.4",
         "resource_changes":[
           {"address":"module.environment.aws_ecr_repository.this[0]","change":{"actions":["create"]}},
           {"address":"module.environment.aws_lb_listener_rule.test","change":{"actions":["update"]}},
           {"address":"module.environment.aws_security_group.service","change":{"actions":["delete","create"]}},
           {"address":"module.environment.aws_cloudwatch_metric_alarm.old","change":{"actions":["delete"]}},
           {"address":"module.environment.aws_iam_role.task","change":{"actions":["no-op"]}},
           {"address":"data.aws_caller_identity.current","change":{"actions":["read"]}}],
         "output_changes":{"cluster":{"actions":["no-op"]},"alarm_names":{"actions":["update"]}}}
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("autopr-terraform-").FullName;

    [Fact]
    public void The_summary_counts_changes_as_terraform_plan_does_and_lists_them()
    {
        var summary = TerraformPlanSummary.Parse(PlanJson);

        Assert.Equal("Plan: 1 to add, 1 to change, 1 to replace, 1 to destroy; 1 output(s) change.", summary.Headline);
        Assert.Equal(
            [
                "Plan: 1 to add, 1 to change, 1 to replace, 1 to destroy; 1 output(s) change.",
                "  + module.environment.aws_ecr_repository.this[0]",
                "  ~ module.environment.aws_lb_listener_rule.test",
                "  -/+ module.environment.aws_security_group.service",
                "  - module.environment.aws_cloudwatch_metric_alarm.old",
            ],
            summary.ToText().Split('\n'));
        Assert.Contains("```diff\n+ module.environment.aws_ecr_repository.this[0]\n! module.environment.aws_lb_listener_rule.test\n- module.environment.aws_security_group.service",
            summary.ToMarkdown("staging"), StringComparison.Ordinal);
        Assert.True(TerraformPlanSummary.Parse("""{"resource_changes":[{"address":"a.b","change":{"actions":["no-op"]}}]}""").IsEmpty);
    }

    [Fact]
    public async Task Plan_runs_init_then_plan_to_the_file_then_reads_it_back()
    {
        var terraform = FakeTerraform("""
            case "$2" in
              show) cat "$PLAN_JSON" ;;
              *) echo "$2 ok" ;;
            esac
            """);

        var summary = await terraform.PlanAsync(_directory, Path.Combine(_directory, "out", "staging.tfplan"), CancellationToken.None);

        Assert.Equal(4, summary.Changes.Count);
        var calls = File.ReadAllLines(Path.Combine(_directory, "calls"));
        Assert.Equal($"-chdir={_directory} init -input=false -no-color", calls[0]);
        Assert.Equal($"-chdir={_directory} plan -input=false -no-color -out={Path.Combine(_directory, "out", "staging.tfplan")}", calls[1]);
        Assert.Equal($"-chdir={_directory} show -json {Path.Combine(_directory, "out", "staging.tfplan")}", calls[2]);
    }

    [Fact]
    public async Task A_stale_plan_is_refused_and_says_to_plan_again()
    {
        var terraform = FakeTerraform("""
            if [ "$2" = apply ]; then
              echo "╷" >&2
              echo "│ Error: Saved plan is stale" >&2
              echo "│ The given plan file can no longer be applied because the state was changed by another operation after the plan was created." >&2
              echo "╵" >&2
              exit 1
            fi
            """);

        var stale = await Assert.ThrowsAsync<TerraformException>(() => terraform.ApplyAsync(_directory, Path.Combine(_directory, "staging.tfplan"), CancellationToken.None));

        Assert.True(stale.StalePlan);
        Assert.StartsWith("the saved plan no longer matches the configuration or the state; nothing was applied; fix: run InfraPlan again", stale.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_other_failure_names_the_step_and_terraforms_last_words()
    {
        var terraform = FakeTerraform("""
            echo "Initializing the backend..."
            echo "Error: Failed to get existing workspaces: S3 bucket does not exist." >&2
            exit 1
            """);

        var failed = await Assert.ThrowsAsync<TerraformException>(() => terraform.PlanAsync(_directory, Path.Combine(_directory, "p"), CancellationToken.None));

        Assert.False(failed.StalePlan);
        // stdout and stderr are read side by side, so their lines may interleave either way in the tail.
        Assert.StartsWith($"terraform init in {_directory} failed (exit code 1): ", failed.Message, StringComparison.Ordinal);
        Assert.Contains("Initializing the backend...", failed.Message, StringComparison.Ordinal);
        Assert.Contains("Error: Failed to get existing workspaces: S3 bucket does not exist.", failed.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Terraform FakeTerraform(string body)
    {
        var plan = Path.Combine(_directory, "plan.json");
        File.WriteAllText(plan, PlanJson);
        var script = Path.Combine(_directory, "terraform");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$@\" >> '{Path.Combine(_directory, "calls")}'\nPLAN_JSON='{plan}'\n{body}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new Terraform(script, NullLogger.Instance);
    }
}
