using AutoPR.Service.Database;
using FluentMigrator;

namespace AutoPR.Service.Tests.Database.SlowMigrations;

/// <summary>One step that takes two seconds, so a second runner started meanwhile has to wait for the lock.</summary>
internal static class SlowMigrationSet
{
    public static MigrationSet Set { get; } = new(typeof(SlowMigrationSet).Assembly, typeof(SlowMigrationSet).Namespace!);
}

[Migration(1, "create slow_table slowly")]
public sealed class CreateSlowTable : Migration
{
    public override void Up()
    {
        Create.Table("slow_table").WithColumn("id").AsInt32().PrimaryKey();
        Execute.Sql("select pg_sleep(2)");
    }

    public override void Down() => Delete.Table("slow_table");
}
