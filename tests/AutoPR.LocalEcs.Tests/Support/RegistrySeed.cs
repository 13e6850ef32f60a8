using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Tests.Support;

/// <summary>Puts a tiny image's blobs into the registry and returns its manifest, so ECR's PutImage can tag it.</summary>
public static class RegistrySeed
{
    public static async Task<string> UploadBlobsAndGetManifestAsync(string registry, string repository, string marker)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{registry}/") };
        var layer = GzipOf(Encoding.UTF8.GetBytes(marker));
        var config = Encoding.UTF8.GetBytes($$$"""{"architecture":"amd64","os":"linux","config":{"Labels":{"marker":"{{{marker}}}"}},"rootfs":{"type":"layers","diff_ids":["{{{Digest(Encoding.UTF8.GetBytes(marker))}}}"]}}""");
        await UploadAsync(http, repository, layer);
        await UploadAsync(http, repository, config);
        return new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.docker.distribution.manifest.v2+json",
            ["config"] = new JsonObject { ["mediaType"] = "application/vnd.docker.container.image.v1+json", ["size"] = config.Length, ["digest"] = Digest(config) },
            ["layers"] = new JsonArray(new JsonObject { ["mediaType"] = "application/vnd.docker.image.rootfs.diff.tar.gzip", ["size"] = layer.Length, ["digest"] = Digest(layer) }),
        }.ToJsonString();
    }

    private static async Task UploadAsync(HttpClient http, string repository, byte[] blob)
    {
        using var start = await http.PostAsync($"v2/{repository}/blobs/uploads/", null);
        start.EnsureSuccessStatusCode();
        var location = start.Headers.Location!.ToString();
        var separator = location.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        using var content = new ByteArrayContent(blob);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await http.PutAsync(new Uri($"{location}{separator}digest={Uri.EscapeDataString(Digest(blob))}", UriKind.RelativeOrAbsolute), content);
        put.EnsureSuccessStatusCode();
    }

    private static byte[] GzipOf(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }

    private static string Digest(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));
}
