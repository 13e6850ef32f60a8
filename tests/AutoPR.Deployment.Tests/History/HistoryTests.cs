using AutoPR.Deployment.History;
using AutoPR.Deployment.Tests.Rollout.Fakes;

namespace AutoPR.Deployment.Tests.History;

public sealed class HistoryTests
{
    [Fact]
    public async Task A_record_round_trips_through_the_revision_tags_and_the_mirror_keeps_the_whole_reason()
    {
        using var bed = new DeploymentTestBed();
        var arn = bed.Ecs.Seed(bed.Render(DeploymentTestBed.DigestA).RegisterTaskDefinitionRequest());
        var reason = "ECS rolled autopr-production:1 back: Essential container in task exited (exit code 3); tasks: [a, b] — “quoted”";
        var record = Record(arn, DeploymentOutcome.RolledBack, reason, bed.Time.GetUtcNow());

        Assert.True(await bed.History.RecordAsync(record));

        var tags = bed.Ecs.TagsOf(arn);
        Assert.Equal(DeploymentTestBed.DigestA, tags[HistoryTagCodec.ImageKey]);
        Assert.Equal(DeploymentTestBed.GitSha, tags[HistoryTagCodec.GitShaKey]);
        Assert.Equal("production", tags["environment"]);
        Assert.Equal(
            "kind=Deploy outcome=RolledBack env=production start=2026-01-15T12:00:00Z end=2026-01-15T12:03:00Z actor=octo-cat_bot_ " +
            "reason=ECS rolled autopr-production:1 back: Essential container in task exited exit code 3 tasks: a b quoted",
            tags["autopr:history:00"]);
        var fromTags = HistoryTagCodec.Decode(arn, tags).Single();
        Assert.Equal(record with { Reason = fromTags.Reason, Actor = "octo-cat_bot_" }, fromTags);
        var read = Assert.Single(await bed.History.ReadAsync(bed.Family, "production"));
        Assert.Equal(record, read);
        Assert.Equal(record, Assert.Single(bed.History.ReadMirror("production")));
        Assert.Empty(bed.Ecs.ModelProblems);
    }

    [Fact]
    public async Task Records_never_break_the_ECS_tag_limits_and_the_oldest_make_room()
    {
        using var bed = new DeploymentTestBed();
        var arn = bed.Ecs.Seed(bed.Render(DeploymentTestBed.DigestA).RegisterTaskDefinitionRequest());
        var start = bed.Time.GetUtcNow();
        for (var i = 0; i < 60; i++)
        {
            Assert.True(await bed.History.RecordAsync(Record(arn, DeploymentOutcome.Deployed, new string('x', 400) + i, start.AddMinutes(i))));
        }

        var tags = bed.Ecs.TagsOf(arn);
        Assert.Equal(50, tags.Count);
        Assert.All(tags, t => Assert.True(EcsTagRules.IsValid(t.Key, t.Value), $"{t.Key}={t.Value}"));
        var records = HistoryTagCodec.Decode(arn, tags);
        Assert.Equal(46, records.Count);
        Assert.Equal(start.AddMinutes(59), records.Max(r => r.StartedAt));
        Assert.Equal(start.AddMinutes(14), records.Min(r => r.StartedAt));
        Assert.All(records, r => Assert.EndsWith("...", r.Reason, StringComparison.Ordinal));
        Assert.Equal(60, bed.History.ReadMirror().Count);
    }

    [Fact]
    public async Task The_last_verified_revision_is_the_newest_verified_record_of_the_environment()
    {
        using var bed = new DeploymentTestBed();
        var one = bed.Ecs.Seed(bed.Render(DeploymentTestBed.DigestA).RegisterTaskDefinitionRequest());
        var two = bed.Ecs.Seed(bed.Render(DeploymentTestBed.DigestB).RegisterTaskDefinitionRequest());
        var three = bed.Ecs.Seed(bed.Render("sha256:" + new string('c', 64)).RegisterTaskDefinitionRequest());
        var now = bed.Time.GetUtcNow();
        await bed.History.RecordAsync(Record(two, DeploymentOutcome.Verified, null, now.AddHours(-3)));
        await bed.History.RecordAsync(Record(three, DeploymentOutcome.VerificationFailed, "p99", now.AddHours(-2)));
        // A rollback to revision 1 after revision 3 failed: the newest verified record sits on the oldest revision.
        await bed.History.RecordAsync(Record(one, DeploymentOutcome.Verified, null, now.AddHours(-1)) with { Kind = DeploymentKind.Rollback });
        await bed.History.RecordAsync(Record(two, DeploymentOutcome.Verified, null, now) with { Environment = "staging" });

        var last = await bed.History.FindLastVerifiedAsync(bed.Family, "production");
        var excluding = await bed.History.FindLastVerifiedAsync(bed.Family, "production", excludingTaskDefinitionArn: one);

        Assert.Equal(one, last!.TaskDefinitionArn);
        Assert.Equal(DeploymentKind.Rollback, last.Kind);
        Assert.Equal(two, excluding!.TaskDefinitionArn);
        Assert.Equal(now.AddHours(-3), excluding.StartedAt);
    }

    [Fact]
    public async Task The_history_prints_as_a_table_newest_first()
    {
        using var bed = new DeploymentTestBed();
        var arn = bed.Ecs.Seed(bed.Render(DeploymentTestBed.DigestA).RegisterTaskDefinitionRequest());
        var now = bed.Time.GetUtcNow();
        await bed.History.RecordAsync(Record(arn, DeploymentOutcome.Verified, null, now.AddMinutes(-30)));
        await bed.History.RecordAsync(Record(arn, DeploymentOutcome.RolledBack, "circuit breaker", now) with { Kind = DeploymentKind.Rollback });

        var records = await bed.History.ReadAsync(bed.Family, "production");
        var text = HistoryFormatter.ToText(records, "production");
        var markdown = HistoryFormatter.ToMarkdown(records, "production");

        var lines = text.Split('\n');
        Assert.Equal("production: 2 record(s), newest first", lines[0]);
        Assert.Equal("STARTED (UTC)        KIND      OUTCOME     REV  IMAGE                GIT      SCHEMA  ACTOR          TOOK   REASON", lines[1]);
        Assert.Equal("2026-01-15 12:00:00  Rollback  RolledBack  1    sha256:aaaaaaaaaaaa  0123456  -       octo-cat(bot)  3m00s  circuit breaker", lines[2]);
        Assert.Equal("2026-01-15 11:30:00  Deploy    Verified    1    sha256:aaaaaaaaaaaa  0123456  -       octo-cat(bot)  3m00s", lines[3]);
        Assert.Contains("| 2026-01-15 12:00:00 | Rollback | RolledBack | 1 |", markdown, StringComparison.Ordinal);
        Assert.Equal("staging: no deployments recorded", HistoryFormatter.ToText([], "staging"));
    }

    [Fact]
    public void An_unreadable_mirror_line_is_skipped()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not json\n{\"kind\":\"Deploy\",\"environment\":\"dev\",\"taskDefinitionArn\":\"arn:aws:ecs:eu-west-1:123456789012:task-definition/autopr-dev:4\",\"actor\":\"a\",\"startedAt\":\"2026-01-15T12:00:00+00:00\",\"outcome\":\"Verified\"}\n");
            var mirror = new HistoryMirror(path, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

            var record = Assert.Single(mirror.ReadAll());

            Assert.Equal(4, record.Revision);
            Assert.Equal(DeploymentOutcome.Verified, record.Outcome);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Tag_values_keep_only_the_characters_ECS_allows()
    {
        Assert.Equal("a b c:d/e=f+g-h@i.j_k", EcsTagRules.Text("a (b) c:d/e=f+g-h@i.j_k", 256));
        Assert.Equal("alice_smith", EcsTagRules.Token("alice smith"));
        Assert.Equal("abcd...", EcsTagRules.Text("abcdefghij", 7));
        Assert.False(EcsTagRules.IsValid("autopr:history:00", "a,b"));
        Assert.True(EcsTagRules.IsValid("autopr:history:00", "a b"));
    }

    private static DeploymentRecord Record(string arn, DeploymentOutcome outcome, string? reason, DateTimeOffset start) => new()
    {
        Kind = DeploymentKind.Deploy,
        Environment = "production",
        TaskDefinitionArn = arn,
        ImageDigest = DeploymentTestBed.DigestA,
        GitSha = DeploymentTestBed.GitSha,
        Actor = "octo-cat(bot)",
        StartedAt = start,
        FinishedAt = start.AddMinutes(3),
        Outcome = outcome,
        Reason = reason,
    };
}
