using System.Net;
using AutoPR.Service.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AutoPR.Service.Tests.InProcess;

/// <summary>Every answer names the task-definition revision (from the ECS task metadata) and the git revision.</summary>
public sealed class RevisionHeaderTests
{
    private const string Header = "X-AutoPR-Revision";

    [Theory]
    [InlineData("/")]
    [InlineData("/api/instance")]
    [InlineData("/health")]
    [InlineData("/version")]
    [InlineData("/no-such-route")]
    public async Task Every_answer_carries_the_revisions_from_the_task_metadata(string path)
    {
        await using var metadata = await TaskMetadataServer.StartAsync("""{"Family":"autopr-local","Revision":"19","TaskARN":"arn:aws:ecs:us-east-1:000000000000:task/autopr-local/abc"}""");
        await using var factory = new ServiceFactory(new Dictionary<string, string>
        {
            ["ECS_CONTAINER_METADATA_URI_V4"] = metadata.Uri,
            ["AUTOPR_REVISION"] = "3f2c1ab",
        });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal("task-definition=autopr-local:19; git=3f2c1ab", Assert.Single(response.Headers.GetValues(Header)));
    }

    [Fact]
    public async Task A_fault_injected_error_is_attributed_too()
    {
        await using var metadata = await TaskMetadataServer.StartAsync("""{"Family":"autopr","Revision":"7"}""");
        await using var factory = new ServiceFactory(new Dictionary<string, string>
        {
            ["ECS_CONTAINER_METADATA_URI_V4"] = metadata.Uri,
            ["AUTOPR_FAULT_ERROR_RATE"] = "1",
        });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.StartsWith("task-definition=autopr:7;", Assert.Single(response.Headers.GetValues(Header)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_ECS_the_task_definition_is_unknown_and_the_service_still_serves()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["AUTOPR_REVISION"] = "3f2c1ab" });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("task-definition=unknown; git=3f2c1ab", Assert.Single(response.Headers.GetValues(Header)));
    }

    [Fact]
    public async Task Metadata_without_family_and_revision_leaves_the_task_definition_unknown()
    {
        await using var metadata = await TaskMetadataServer.StartAsync("""{"Cluster":"autopr-local"}""");
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["ECS_CONTAINER_METADATA_URI_V4"] = metadata.Uri });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/instance");

        Assert.StartsWith("task-definition=unknown;", Assert.Single(response.Headers.GetValues(Header)), StringComparison.Ordinal);
        var body = await JsonAssert.StatusAndBodyAsync(response, HttpStatusCode.OK);
        Assert.Equal("unknown", JsonAssert.String(body, "taskDefinition"));
    }

    /// <summary>A task metadata endpoint on loopback answering GET {uri}/task with the given JSON.</summary>
    private sealed class TaskMetadataServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private TaskMetadataServer(WebApplication app, string uri)
        {
            _app = app;
            Uri = uri;
        }

        public string Uri { get; }

        public static async Task<TaskMetadataServer> StartAsync(string taskJson)
        {
            var endpoint = FreeLoopbackEndpoint.Allocate();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(endpoint.BaseUri.ToString());
            var app = builder.Build();
            app.MapGet("/v4/container-1/task", () => Results.Text(taskJson, "application/json"));
            await app.StartAsync();
            return new TaskMetadataServer(app, endpoint.BaseUri + "v4/container-1");
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
