using FluentMigrator;

namespace AutoPR.Service.Database.Migrations;

/// <summary>
/// Adds who opened the pull request. Only adds, with a default, so the release before it keeps working
/// on this schema (no [BreaksOlderReleases]); its Down drops the values, hence destructive.
/// </summary>
[Migration(2, "add pull_requests.author")]
[DestructiveDown("the author of every stored pull request (column pull_requests.author)")]
public sealed class M0002AddPullRequestAuthor : Migration
{
    public override void Up() =>
        Alter.Table("pull_requests").AddColumn("author").AsString().NotNullable().WithDefaultValue(string.Empty);

    public override void Down() => Delete.Column("author").FromTable("pull_requests");
}
