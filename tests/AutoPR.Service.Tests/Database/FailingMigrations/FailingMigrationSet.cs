using AutoPR.Service.Database;
using FluentMigrator;

namespace AutoPR.Service.Tests.Database.FailingMigrations;

/// <summary>Migration 2 creates a table and then fails: its transaction must take the table with it.</summary>
internal static class FailingMigrationSet
{
    public static MigrationSet Set { get; } = new(typeof(FailingMigrationSet).Assembly, typeof(FailingMigrationSet).Namespace!);
}

[Migration(1, "create first_table")]
public sealed class CreateFirstTable : Migration
{
    public override void Up() => Create.Table("first_table").WithColumn("id").AsInt32().PrimaryKey();

    public override void Down() => Delete.Table("first_table");
}

[Migration(2, "create half_done then fail")]
public sealed class FailHalfway : Migration
{
    public override void Up()
    {
        Create.Table("half_done").WithColumn("id").AsInt32().PrimaryKey();
        Execute.Sql("select 1 / 0");
    }

    public override void Down() => Delete.Table("half_done");
}
