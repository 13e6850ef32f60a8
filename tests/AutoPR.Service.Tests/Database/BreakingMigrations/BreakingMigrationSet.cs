using AutoPR.Service.Database;
using FluentMigrator;

namespace AutoPR.Service.Tests.Database.BreakingMigrations;

// A set only SchemaInfoTests reads (never run): 2 breaks older releases, 3 only adds.

[Migration(1, "create thing")]
public sealed class CreateThing : Migration
{
    public override void Up() => Create.Table("thing").WithColumn("id").AsInt32().PrimaryKey();

    public override void Down() => Delete.Table("thing");
}

[Migration(2, "rename thing.id")]
[BreaksOlderReleases("releases before it read thing.id")]
public sealed class RenameThingId : Migration
{
    public override void Up() => Rename.Column("id").OnTable("thing").To("thing_id");

    public override void Down() => Rename.Column("thing_id").OnTable("thing").To("id");
}

[Migration(3, "add thing.name")]
public sealed class AddThing : Migration
{
    public override void Up() => Alter.Table("thing").AddColumn("name").AsString().WithDefaultValue(string.Empty);

    public override void Down() => Delete.Column("name").FromTable("thing");
}
