using FluentMigrator;

namespace AutoPR.Service.Database.Migrations;

/// <summary>The pull requests AutoPR has processed. Its Down drops them all, hence destructive.</summary>
[Migration(1, "create pull_requests")]
[DestructiveDown("every stored pull request (the pull_requests table)")]
public sealed class M0001CreatePullRequests : Migration
{
    public override void Up()
    {
        Create.Table("pull_requests")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("repository").AsString().NotNullable()
            .WithColumn("number").AsInt32().NotNullable()
            .WithColumn("title").AsString().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable().WithDefault(SystemMethods.CurrentDateTimeOffset);

        // One row per pull request: a second POST of the same one is a conflict, not a duplicate.
        Create.UniqueConstraint("pull_requests_repository_number_key").OnTable("pull_requests").Columns("repository", "number");
    }

    public override void Down() => Delete.Table("pull_requests");
}
