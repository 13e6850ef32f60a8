using AutoPR.Service.Configuration;
using AutoPR.Service.Database;
using Npgsql;

namespace AutoPR.Service.Tests.Configuration;

public sealed class DatabaseUrlTests
{
    private const string Password = "p@ss:w0rd/secret";

    [Fact]
    public void A_postgres_url_becomes_an_npgsql_connection_string_and_describes_itself_without_the_password()
    {
        var url = DatabaseUrl.Parse($"postgres://autopr:{Uri.EscapeDataString(Password)}@127.0.0.1:5433/autopr_local?sslmode=require");

        var builder = new NpgsqlConnectionStringBuilder(url.ConnectionString);
        Assert.Equal("127.0.0.1", builder.Host);
        Assert.Equal(5433, builder.Port);
        Assert.Equal("autopr_local", builder.Database);
        Assert.Equal("autopr", builder.Username);
        Assert.Equal(Password, builder.Password);
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.Equal("127.0.0.1:5433/autopr_local", url.Describe());
        Assert.Equal("127.0.0.1:5433/autopr_local", url.ToString());
        Assert.Equal("failed for *** here", url.Redact($"failed for {Password} here"));
    }

    [Fact]
    public void The_port_defaults_to_5432_and_postgresql_is_accepted_as_the_scheme()
    {
        var url = DatabaseUrl.Parse("postgresql://autopr@localhost/db");

        Assert.Equal("localhost:5432/db", url.Describe());
    }

    [Theory]
    [InlineData("mysql://autopr:hunter2secret@127.0.0.1/db")]
    [InlineData("postgres://autopr:hunter2secret@127.0.0.1:5433/")]
    [InlineData("postgres://autopr:hunter2secret@127.0.0.1:5433/db?sslmode=sometimes")]
    [InlineData("postgres://autopr:hunter2secret@127.0.0.1:5433/db?password=x")]
    [InlineData("hunter2secret")]
    public void A_malformed_url_is_refused_in_a_message_that_names_the_variable_but_not_the_password(string raw)
    {
        var reader = new SettingReader(name => name == DatabaseUrl.Variable ? raw : null);

        var error = Assert.Throws<InvalidSettingException>(() => DatabaseUrl.Read(reader));

        Assert.StartsWith("DATABASE_URL=", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unset_or_blank_means_no_database()
    {
        Assert.Null(DatabaseUrl.Read(new SettingReader(_ => null)));
        Assert.Null(DatabaseUrl.Read(new SettingReader(_ => "  ")));
    }
}
