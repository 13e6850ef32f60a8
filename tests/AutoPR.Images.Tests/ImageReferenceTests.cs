using AutoPR.Images.Push;

namespace AutoPR.Images.Tests;

/// <summary>One image identity: by tag before a push, pinned by digest after it; one string form that reads back.</summary>
public sealed class ImageReferenceTests
{
    private const string Registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private static readonly string Digest = "sha256:" + new string('c', 64);

    [Fact]
    public void A_pinned_reference_runs_by_digest_and_keeps_its_tag_for_people()
    {
        var image = new ImageReference(Registry, "autopr", Digest, tag: "0123abc");

        Assert.True(image.IsPinned);
        Assert.Equal($"{Registry}/autopr@{Digest}", image.Pinned);
        Assert.Equal(image.Pinned, image.Runnable);
        Assert.Equal($"{Registry}/autopr:0123abc", image.Tagged);
        Assert.Equal($"{Registry}/autopr:0123abc@{Digest}", image.ToString());
        Assert.Equal("cccccccccccc", image.DigestTag);
    }

    [Fact]
    public void An_image_known_by_tag_only_runs_by_tag_and_has_no_pinned_form()
    {
        var image = ImageReference.Unpinned("127.0.0.1:5000", "autopr", "v1");

        Assert.False(image.IsPinned);
        Assert.Equal("127.0.0.1:5000/autopr:v1", image.Runnable);
        var error = Assert.Throws<InvalidOperationException>(() => image.Pinned);
        Assert.Equal("127.0.0.1:5000/autopr:v1 has no digest yet; fix: push it (PushEcr) so the deployment can pin it", error.Message);
        Assert.Equal(image.WithDigest(Digest).Pinned, $"127.0.0.1:5000/autopr@{Digest}");
    }

    [Theory]
    [InlineData("127.0.0.1:5000/team/autopr:v1", "127.0.0.1:5000", "team/autopr", "v1", false)]
    [InlineData("127.0.0.1:5000/autopr@sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", "127.0.0.1:5000", "autopr", null, true)]
    [InlineData("r.example/autopr:v2@sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", "r.example", "autopr", "v2", true)]
    public void Every_form_parses_and_prints_back_the_same(string text, string registry, string repository, string? tag, bool pinned)
    {
        var image = ImageReference.Parse(text);

        Assert.Equal((registry, repository, tag, pinned), (image.Registry, image.Repository, image.Tag, image.IsPinned));
        Assert.Equal(text, image.ToString());
    }

    [Theory]
    [InlineData("autopr")]
    [InlineData("127.0.0.1:5000/autopr")]
    [InlineData("127.0.0.1:5000/autopr@sha256:short")]
    public void Anything_else_is_refused_with_the_forms_it_takes(string text)
    {
        var error = Assert.Throws<FormatException>(() => ImageReference.Parse(text));

        Assert.Equal($"'{text}' is not an image reference; fix: use REGISTRY/REPOSITORY:TAG or REGISTRY/REPOSITORY@sha256:DIGEST", error.Message);
        Assert.Null(ImageReference.TryParse(text));
    }

    [Fact]
    public async Task The_push_record_stores_the_image_once_and_reads_it_back()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("autopr-push-record-").FullName, "push-staging.json");
        var record = new ImagePushRecord("staging", new ImageReference(Registry, "autopr", Digest, "0123abc"), "0123abc");

        await record.WriteAsync(path);

        Assert.Contains($"\"image\": \"{Registry}/autopr:0123abc@{Digest}\"", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Assert.Equal(record, await ImagePushRecord.ReadAsync(path));
    }

    [Fact]
    public async Task An_image_without_a_digest_is_never_recorded_as_pushed()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("autopr-push-record-").FullName, "push-staging.json");
        var record = new ImagePushRecord("staging", ImageReference.Unpinned(Registry, "autopr", "0123abc"), "0123abc");

        await Assert.ThrowsAsync<InvalidOperationException>(() => record.WriteAsync(path));

        Assert.False(File.Exists(path));
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => ImagePushRecord.ReadAsync(path));
        Assert.Equal($"{path} is missing: run ./build.sh PushEcr --environment <name> first.", missing.Message);
    }
}
