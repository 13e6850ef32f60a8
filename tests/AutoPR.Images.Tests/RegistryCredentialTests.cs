using System.Text;
using AutoPR.Images.Push;

namespace AutoPR.Images.Tests;

/// <summary>Credentials from the docker config, and that they never show in text.</summary>
public sealed class RegistryCredentialTests
{
    [Fact]
    public async Task A_stored_auth_entry_is_found_whatever_form_its_key_has()
    {
        using var folder = new TemporaryDirectory();
        var config = Path.Combine(folder.Path, "config.json");
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:pa:ss"));
        await File.WriteAllTextAsync(config, "{\"auths\":{\"https://127.0.0.1:5000/v1/\":{\"auth\":\"" + auth + "\"},\"token.example.invalid\":{\"identitytoken\":\"refresh\"}}}");

        var found = await DockerConfigCredentials.FindAsync("127.0.0.1:5000", config);
        var token = await DockerConfigCredentials.FindAsync("token.example.invalid", config);
        var none = await DockerConfigCredentials.FindAsync("other.example.invalid:5000", config);

        Assert.NotNull(found);
        Assert.Equal("AWS", found.Username);
        Assert.Equal("pa:ss", found.Password);
        Assert.Equal("refresh", token?.IdentityToken);
        Assert.Null(none);
    }

    [Fact]
    public async Task No_config_file_means_no_credentials()
    {
        using var folder = new TemporaryDirectory();

        Assert.Null(await DockerConfigCredentials.FindAsync("127.0.0.1:5000", Path.Combine(folder.Path, "missing.json")));
    }

    [Fact]
    public void Credentials_never_show_their_secret_in_text()
    {
        var password = new RegistryCredentials("AWS", "s3cr3t-value");
        var token = RegistryCredentials.FromIdentityToken("t0ken-value");

        Assert.DoesNotContain("s3cr3t-value", password.ToString(), StringComparison.Ordinal);
        Assert.Contains("AWS", password.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("t0ken-value", token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", new ImagePushRequest { SourceImage = "a", Registry = "r", Repository = "p", Tag = "t", Credentials = password }.ToString(), StringComparison.Ordinal);
    }
}
