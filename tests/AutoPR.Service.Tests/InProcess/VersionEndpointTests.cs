using System.Net;
using AutoPR.Service.Tests.Support;

namespace AutoPR.Service.Tests.InProcess;

public sealed class VersionEndpointTests
{
    [Fact]
    public async Task Version_reports_the_build_stamps_and_environment_from_the_environment_variables()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string>
        {
            ["AUTOPR_VERSION"] = "1.4.2",
            ["AUTOPR_REVISION"] = "3f2c1ab9d8e7",
            ["AUTOPR_IMAGE_TAG"] = "1.4.2-3f2c1ab",
            ["ENVIRONMENT"] = "staging",
        });
        using var client = factory.CreateClient();

        var body = await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/version"), HttpStatusCode.OK);

        Assert.Equal("autopr", JsonAssert.String(body, "service"));
        Assert.Equal("1.4.2", JsonAssert.String(body, "version"));
        Assert.Equal("3f2c1ab9d8e7", JsonAssert.String(body, "revision"));
        Assert.Equal("1.4.2-3f2c1ab", JsonAssert.String(body, "imageTag"));
        Assert.Equal("staging", JsonAssert.String(body, "environment"));
        Assert.Equal(2, body.GetProperty("schemaVersion").GetInt64());
        Assert.Equal(1, body.GetProperty("schemaCompatibleFrom").GetInt64());
        Assert.Equal(7, body.EnumerateObject().Count());
    }

    [Fact]
    public async Task Version_reports_unknown_for_stamps_that_are_not_set()
    {
        await using var factory = new ServiceFactory();
        using var client = factory.CreateClient();

        var body = await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/version"), HttpStatusCode.OK);

        Assert.Equal("unknown", JsonAssert.String(body, "version"));
        Assert.Equal("unknown", JsonAssert.String(body, "revision"));
        Assert.Equal("unknown", JsonAssert.String(body, "imageTag"));
        Assert.Equal("unknown", JsonAssert.String(body, "environment"));
    }
}
