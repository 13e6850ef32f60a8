using System.Text.Json.Nodes;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Database;

/// <summary>An environment's database section: what it renders into the environment, and the one-line refusals of a bad one.</summary>
public sealed class DatabaseSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("autopr-db-env-").FullName;

    public DatabaseSettingsTests()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Environments, "*.json"))
        {
            File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)));
        }
    }

    [Fact]
    public void The_committed_environments_name_their_database_and_its_backup()
    {
        var production = RepositoryEnvironments.Load(_directory, "production").Database!;
        Assert.Equal(DatabaseBackupKind.RdsSnapshot, production.Backup);
        Assert.Equal("autopr-production", production.DbInstanceIdentifier);
        Assert.Equal("DATABASE_URL", production.UrlSecret);
        Assert.True(production.MigrateBeforeRollout);

        var local = RepositoryEnvironments.Load(_directory, "local").Database!;
        Assert.Equal(DatabaseBackupKind.PgDump, local.Backup);
        Assert.NotNull(local.LocalPort);
    }

    [Theory]
    [InlineData("production", "urlSecret", "NOPE", "$.database.urlSecret: \"NOPE\" is not an entry of secrets")]
    [InlineData("staging", "backup", "rds-snapshot", "$.database.dbInstanceIdentifier: missing, and backup \"rds-snapshot\" needs the RDS instance")]
    [InlineData("staging", "backup", "pg-dump", "$.database.backup: \"pg-dump\" runs pg_dump on this machine")]
    [InlineData("local", "backup", "rds-snapshot", "$.database.backup: \"rds-snapshot\" needs RDS")]
    [InlineData("dev", "localPort", 5433, "$.database.localPort: only local environments have a local PostgreSQL")]
    public void A_database_section_that_cannot_work_is_one_line_with_the_fix(string environment, string member, object value, string expected)
    {
        var path = Path.Combine(_directory, environment + ".json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["database"]![member] = value is int number ? JsonValue.Create(number) : JsonValue.Create((string)value);
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<EnvironmentConfigurationException>(() => RepositoryEnvironments.Load(_directory, environment));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("fix:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_database_without_its_port_says_which_port_to_set()
    {
        var path = Path.Combine(_directory, "local.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["database"]!.AsObject().Remove("localPort");
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<EnvironmentConfigurationException>(() => RepositoryEnvironments.Load(_directory, "local"));

        Assert.Contains("$.database.localPort: missing", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
