using System.Text;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;

namespace AutoPR.Images.Push;

/// <summary>
/// Registry credentials from the docker CLI's config ($DOCKER_CONFIG/config.json or
/// ~/.docker/config.json): a credential helper named for the registry (credHelpers), else the
/// stored `auths` entry, else the default store (credsStore). Secrets are never logged.
/// </summary>
public static class DockerConfigCredentials
{
    /// <summary>The config file the docker CLI would read.</summary>
    public static string DefaultConfigPath()
    {
        var folder = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        if (string.IsNullOrEmpty(folder))
        {
            folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        }

        return Path.Combine(folder, "config.json");
    }

    /// <summary>Credentials for <paramref name="registry"/> (host[:port]); null when the config has none.</summary>
    public static async Task<RegistryCredentials?> FindAsync(string registry, string? configPath = null, CancellationToken cancellationToken = default)
    {
        configPath ??= DefaultConfigPath();
        if (!File.Exists(configPath))
        {
            return null;
        }

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(configPath, cancellationToken));
        var root = document.RootElement;
        if (FindEntry(root, "credHelpers", registry) is { ValueKind: JsonValueKind.String } helper)
        {
            return await FromHelperAsync(helper.GetString()!, registry, cancellationToken);
        }

        if (FindEntry(root, "auths", registry) is { ValueKind: JsonValueKind.Object } auth && FromAuthEntry(auth, registry, configPath) is { } stored)
        {
            return stored;
        }

        if (root.TryGetProperty("credsStore", out var store) && store.GetString() is { Length: > 0 } storeName)
        {
            return await FromHelperAsync(storeName, registry, cancellationToken);
        }

        return null;
    }

    /// <summary>Config keys may be "host", "https://host" or "https://host/v1/": compare the host[:port] only.</summary>
    internal static string NormalizeKey(string key)
    {
        var text = key.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text[(scheme + 3)..];
        }

        var slash = text.IndexOf('/');
        return (slash >= 0 ? text[..slash] : text).ToLowerInvariant();
    }

    private static JsonElement? FindEntry(JsonElement root, string section, string registry)
    {
        if (!root.TryGetProperty(section, out var entries) || entries.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var wanted = NormalizeKey(registry);
        foreach (var entry in entries.EnumerateObject())
        {
            if (NormalizeKey(entry.Name) == wanted)
            {
                return entry.Value;
            }
        }

        return null;
    }

    private static RegistryCredentials? FromAuthEntry(JsonElement auth, string registry, string configPath)
    {
        if (auth.TryGetProperty("identitytoken", out var token) && token.GetString() is { Length: > 0 } identityToken)
        {
            return RegistryCredentials.FromIdentityToken(identityToken);
        }

        if (auth.TryGetProperty("auth", out var encoded) && encoded.GetString() is { Length: > 0 } base64)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException)
            {
                throw new DockerOperationException($"The auths entry for {registry} in {configPath} is not base64 user:password: run docker login {registry} again.");
            }

            var colon = decoded.IndexOf(':');
            if (colon <= 0)
            {
                throw new DockerOperationException($"The auths entry for {registry} in {configPath} is not user:password: run docker login {registry} again.");
            }

            return new RegistryCredentials(decoded[..colon], decoded[(colon + 1)..]);
        }

        if (auth.TryGetProperty("username", out var user) && auth.TryGetProperty("password", out var password)
            && user.GetString() is { Length: > 0 } name && password.GetString() is { } secret)
        {
            return new RegistryCredentials(name, secret);
        }

        return null;
    }

    /// <summary>The credential-helper protocol: `docker-credential-NAME get`, server on stdin, JSON on stdout.</summary>
    private static async Task<RegistryCredentials?> FromHelperAsync(string helper, string registry, CancellationToken cancellationToken)
    {
        var program = "docker-credential-" + helper;
        BufferedCommandResult result;
        try
        {
            result = await Cli.Wrap(program)
                .WithArguments("get")
                .WithStandardInputPipe(PipeSource.FromString(registry))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new DockerOperationException($"The docker config names the credential helper {helper} for {registry}, but {program} is not installed: install it or remove it from the config.", exception);
        }

        if (result.ExitCode != 0)
        {
            // "credentials not found" is not an error: the registry may take anonymous pushes.
            return null;
        }

        using var document = JsonDocument.Parse(result.StandardOutput);
        var username = document.RootElement.GetProperty("Username").GetString() ?? "";
        var secret = document.RootElement.GetProperty("Secret").GetString() ?? "";
        return username == "<token>" ? RegistryCredentials.FromIdentityToken(secret) : new RegistryCredentials(username, secret);
    }
}
